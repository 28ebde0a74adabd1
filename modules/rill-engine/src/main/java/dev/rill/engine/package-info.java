/**
 * The engine: builds DL4J networks from configs ({@link dev.rill.engine.NetworkFactory}), turns
 * encoded examples into tensors, trains with model selection on dev, evaluates, and reads and
 * writes model bundles. DL4J types do not leave this module except inside the bundle.
 *
 * <p>Each task is a {@link dev.rill.engine.TaskAdapter}: classification, tagging, and language
 * models ({@link dev.rill.engine.LanguageModelAdapter} for networks,
 * {@link dev.rill.engine.CountModelAdapter} for the Markov and n-gram baselines, both reading
 * {@link dev.rill.engine.LanguageModelData}). {@link dev.rill.engine.TrainedLanguageModel} loads a
 * language-model bundle to evaluate it and to generate text.
 */
package dev.rill.engine;
