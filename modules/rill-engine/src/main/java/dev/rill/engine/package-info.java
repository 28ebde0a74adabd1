/**
 * The engine: builds DL4J networks from configs ({@link dev.rill.engine.NetworkFactory}), turns
 * encoded examples into tensors, trains with model selection on dev, early stopping and a
 * learning-rate schedule, logs and checkpoints into a run folder ({@link dev.rill.engine.RunDirectory})
 * so a run can be resumed, evaluates, and reads and writes model bundles. DL4J types do not leave
 * this module except inside the bundle.
 *
 * <p>Each task is a {@link dev.rill.engine.TaskAdapter}: classification, tagging, language models
 * ({@link dev.rill.engine.LanguageModelAdapter} for networks, {@link dev.rill.engine.CountModelAdapter}
 * for the Markov and n-gram baselines, both reading {@link dev.rill.engine.LanguageModelData}) and
 * one-to-many generation ({@link dev.rill.engine.ConditionedGenerationAdapter}).
 * {@link dev.rill.engine.TrainedLanguageModel} loads a language-model or generator bundle to
 * evaluate it and to generate text.
 */
package dev.rill.engine;
