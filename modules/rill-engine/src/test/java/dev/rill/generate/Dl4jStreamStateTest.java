package dev.rill.generate;

import dev.rill.layers.GruLayerConfig;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What DL4J does with the recurrent state when a stream is fed minibatch by minibatch: it is
 * carried between the TBPTT segments of one {@code fit(DataSet)} call and reset between calls.
 * {@link StreamBatches}' advice ({@code segmentLength = m * tbptt}) rests on this; if a DL4J
 * upgrade changes it, these tests say so.
 */
class Dl4jStreamStateTest {

    private static final int V = 7;
    private static final int TBPTT = 4;
    private static final int[] STREAM = {2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 3, 2, 4, 6, 5, 2, 2, 3, 4, 5,
        6, 6, 5, 4, 3, 2, 3, 4, 5, 6, 2, 4, 3, 5, 6, 2, 3};

    @BeforeAll
    static void doubles() {
        // Double precision so that "equal" means equal to rounding, not to float noise.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Embedding -> GRU -> per-step softmax, plain SGD so no updater state differs between copies. */
    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.5))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(4).inferInputLength(true)
                        .outputDataFormat(RNNFormat.NCW).build())
                .layer(new GruLayerConfig.Builder().nIn(4).nOut(5).dataFormat(RNNFormat.NCW).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(V)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(TBPTT).tBPTTBackwardLength(TBPTT)
                .build());
        net.init();
        return net;
    }

    private static DataSet doubles(DataSet ds) {
        return new DataSet(ds.getFeatures().castTo(DataType.DOUBLE), ds.getLabels().castTo(DataType.DOUBLE));
    }

    private static DataSet minibatch(int segmentLength, int k) {
        return doubles(StreamDataSets.withIds(StreamBatches.of(STREAM, 2, segmentLength).batch(k), V));
    }

    private static MultiLayerNetwork copy(MultiLayerNetwork net) {
        MultiLayerNetwork c = network();
        c.setParams(net.params().dup());
        return c;
    }

    @Test
    void stream_datasets_train_a_tbptt_network() {
        MultiLayerNetwork net = network();
        double[] before = net.params().toDoubleVector();
        net.fit(minibatch(TBPTT, 0));
        double[] after = net.params().toDoubleVector();
        assertTrue(maxDifference(before, after) > 1e-6, "rank-3 id features must reach the TBPTT update");
    }

    @Test
    void every_fit_call_starts_from_a_zero_state() {
        MultiLayerNetwork carried = network();
        carried.fit(minibatch(TBPTT, 0));
        MultiLayerNetwork fresh = copy(carried);
        carried.fit(minibatch(TBPTT, 1));
        fresh.fit(minibatch(TBPTT, 1));
        // Had the state after minibatch 0 been carried into minibatch 1, the updates would differ.
        assertArrayEquals(fresh.params().toDoubleVector(), carried.params().toDoubleVector(), 1e-12);
    }

    @Test
    void state_is_carried_between_segments_of_one_fit_call() {
        MultiLayerNetwork whole = network();
        MultiLayerNetwork split = copy(whole);
        whole.fit(minibatch(2 * TBPTT, 0));   // one DataSet, two TBPTT segments
        split.fit(minibatch(TBPTT, 0));       // the same two segments as two DataSets
        split.fit(minibatch(TBPTT, 1));
        double diff = maxDifference(whole.params().toDoubleVector(), split.params().toDoubleVector());
        assertTrue(diff > 1e-8, "the second segment must see the first segment's state, max diff " + diff);
    }

    private static double maxDifference(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
