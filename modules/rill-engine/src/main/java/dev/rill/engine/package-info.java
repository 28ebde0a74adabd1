/**
 * The engine: builds DL4J networks from configs ({@link dev.rill.engine.NetworkFactory}), turns
 * encoded examples into tensors, trains with model selection on dev, early stopping and a
 * learning-rate schedule, logs and checkpoints into a run folder ({@link dev.rill.engine.RunDirectory})
 * so a run can be resumed, evaluates, and reads and writes model bundles. DL4J types do not leave
 * this module except inside the bundle.
 */
package dev.rill.engine;
