/**
 * Layers that Rill adds to Deeplearning4j 1.0.0-M2.1.
 *
 * <p>{@link dev.rill.layers.GruLayerConfig} is the configuration (builder, JSON) of a gated recurrent unit layer,
 * {@link dev.rill.layers.GruLayer} its implementation (cuDNN/PyTorch GRU equations, masks, truncated BPTT,
 * streaming with {@code rnnTimeStep}, NCW and NWC) and {@link dev.rill.layers.GruParamInitializer} its parameter
 * layout. They plug into {@code MultiLayerNetwork}, {@code ComputationGraph} and {@code Bidirectional} like DL4J's
 * own {@code LSTM}.
 *
 * <p>{@link dev.rill.layers.LstmLayerConfig}, {@link dev.rill.layers.LstmLayer} and
 * {@link dev.rill.layers.LstmParamInitializer} are an LSTM with DL4J's gate maths and parameter layout (parameters
 * and seeds carry over from DL4J's {@code LSTM}) that, unlike DL4J's, keeps the state through truncated BPTT and
 * masks padded steps inside a network. Both layers compute with the kernels of {@code dev.rill.layers.kernel};
 * {@link dev.rill.layers.KernelRecurrentLayer} holds what they share with DL4J's calling conventions.
 *
 * <p>{@link dev.rill.layers.TokenEmbeddingConfig} is DL4J's sequence embedding with a row-major table
 * ({@link dev.rill.layers.TokenEmbeddingParamInitializer}) whose {@link dev.rill.layers.TokenEmbeddingLayer} copies one
 * row per token instead of going through ND4J's gather and scatter ops.
 *
 * <p>{@link dev.rill.layers.WordCharEmbeddingConfig} configures the input layer of a tagger,
 * {@link dev.rill.layers.WordCharEmbeddingLayer}: per time step it reads a word id and the word's character ids
 * (packed as channels of one NCW input) and outputs the word embedding concatenated with max-pooled character-CNN
 * features, so that words unseen in training still get a useful vector. Being one ordinary layer, it keeps a tagger a
 * plain {@code MultiLayerNetwork}, with truncated BPTT and feature masks working as usual;
 * {@link dev.rill.layers.WordCharEmbeddingParamInitializer} gives its parameter layout.
 *
 * <p>Class names are stored in saved models and must never change.
 */
package dev.rill.layers;
