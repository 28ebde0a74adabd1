package dev.rill.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small builders shared by the GRU and LSTM tests. */
final class RecurrentTestSupport {

    private RecurrentTestSupport() {
    }

    /** Makes ND4J default to double precision; gradient checks and 1e-10 comparisons need it. */
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Network-wide defaults for gradient checks: double, no updater, fixed seed. */
    static NeuralNetConfiguration.Builder gradientCheckBase(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER);
    }

    /** GRU config with non-zero biases, so the bias gradients are exercised too. */
    static GruLayerConfig gru(long nIn, long nOut, RNNFormat format) {
        return new GruLayerConfig.Builder().nIn(nIn).nOut(nOut).biasInit(0.1).dataFormat(format).build();
    }

    /** LSTM config with non-zero biases (and DL4J's forget gate bias of 1), so the bias gradients are exercised too. */
    static LstmLayerConfig lstm(long nIn, long nOut, RNNFormat format) {
        return new LstmLayerConfig.Builder().nIn(nIn).nOut(nOut).biasInit(0.1).dataFormat(format).build();
    }

    /** Rill's recurrent cells, for tests that every cell must pass. */
    enum Cell {
        GRU, LSTM;

        /** A layer of this cell with non-zero biases. */
        BaseRecurrentLayer layer(long nIn, long nOut, RNNFormat format) {
            return this == GRU ? gru(nIn, nOut, format) : lstm(nIn, nOut, format);
        }
    }

    static RnnOutputLayer mseOut(long nIn, long nOut, RNNFormat format) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .nIn(nIn).nOut(nOut).dataFormat(format).build();
    }

    static RnnOutputLayer softmaxOut(long nIn, long nOut, RNNFormat format) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(nOut).dataFormat(format).build();
    }

    /** Random one-hot labels [mb, nOut, T] (NCW). */
    static INDArray oneHotLabels(long mb, int nOut, long t, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, mb, nOut, t);   // [mb, nOut, T]
        for (int i = 0; i < mb; i++) {
            for (int s = 0; s < t; s++) {
                labels.putScalar(new long[] {i, rng.nextInt(nOut), s}, 1.0);
            }
        }
        return labels;
    }

    /** Mask [mb, T] with 1 for the first lengths[i] steps of example i and 0 after (right padding). */
    static INDArray rightPaddedMask(int[] lengths, int t) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, t);   // [mb, T]
        for (int i = 0; i < lengths.length; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                mask.putScalar(i, s, 1.0);
            }
        }
        return mask;
    }
}
