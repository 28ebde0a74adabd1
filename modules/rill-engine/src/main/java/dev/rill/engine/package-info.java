/**
 * The engine: builds DL4J networks from configs ({@link dev.rill.engine.NetworkFactory}), turns
 * encoded examples into tensors, trains with model selection on dev, evaluates, and reads and
 * writes model bundles. DL4J types do not leave this module except inside the bundle.
 */
package dev.rill.engine;
