/**
 * Recurrent layers that Rill adds to Deeplearning4j 1.0.0-M2.1.
 *
 * <p>{@link dev.rill.layers.GruLayerConfig} is the configuration (builder, JSON) of a gated recurrent unit layer,
 * {@link dev.rill.layers.GruLayer} its implementation (cuDNN/PyTorch GRU equations, masks, truncated BPTT,
 * streaming with {@code rnnTimeStep}, NCW and NWC) and {@link dev.rill.layers.GruParamInitializer} its parameter
 * layout. They plug into {@code MultiLayerNetwork}, {@code ComputationGraph} and {@code Bidirectional} like DL4J's
 * own {@code LSTM}. Class names are stored in saved models and must never change.
 */
package dev.rill.layers;
