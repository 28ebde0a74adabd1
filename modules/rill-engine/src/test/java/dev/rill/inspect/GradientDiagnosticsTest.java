package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.engine.ClassificationBatch;
import dev.rill.text.Example;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientDiagnosticsTest {

    @AfterAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /**
     * The vanishing-gradient result. He initialisation ({@code weight_init: relu}) and a vocabulary of 6 words
     * (whose embeddings are initialised with fan-in 8, so they are large) drive the tanh RNN into saturation:
     * its step Jacobian diag(1 - h^2) U^T shrinks the gradient at every step. The LSTM's cell state passes
     * the gradient on through its forget gate alone (bias 1, so about 0.73 or more), and the GRU's update
     * gate saturates near 1 for some units, which then copy their state (and its gradient) unchanged.
     * One seed is not enough to show it: across seeds 1..8 the rnn kept 9e-7..3e-5 of the gradient 30 steps back,
     * the lstm 2e-3..2e-2 and the gru 4e-5..4e-3, and at seed 2 the gru came within 15% of the rnn. The test
     * therefore compares geometric means over five seeds (measured: rnn 6e-6, gru 1.2e-4, lstm 6e-3), with a
     * bound of ten times.
     */
    @Test
    void thirty_steps_back_the_rnn_keeps_far_less_of_the_gradient_than_lstm_and_gru() {
        double rnn = 0, lstm = 0, gru = 0;
        int seeds = 5;
        for (int seed = 1; seed <= seeds; seed++) {
            RillConfig cfg = InspectConfigs.noData("classification",
                    "{embedding: 16, weight_init: relu, layers: [{cell: lstm, units: 32}]}", "{batch_size: 32, seed: " + seed + "}");
            NetworkSizes sizes = new NetworkSizes(8, 0, 2);
            GradientDiagnostics.Result r = GradientDiagnostics.run(cfg, sizes, new RandomBatches(sizes, 0, 32, 31, false, 3),
                    new GradientDiagnostics.Settings(30, 2, 0));

            Map<String, GradientDiagnostics.Curve> curves = r.curves().stream()
                    .collect(Collectors.toMap(GradientDiagnostics.Curve::name, Function.identity()));
            assertEquals(List.of("config (lstm)", "rnn", "lstm", "gru"), r.curves().stream().map(GradientDiagnostics.Curve::name).toList());
            assertEquals(30, r.lag());
            assertEquals(64, r.examples());
            assertTrue(curves.get("rnn").stepFactor() < curves.get("lstm").stepFactor(), "seed " + seed);
            // The configured network is the lstm replacement: same cells, sizes and seed.
            assertEquals(curves.get("lstm").ratio(30), curves.get("config (lstm)").ratio(30), 1e-12);
            rnn += Math.log(curves.get("rnn").ratio(30)) / seeds;
            lstm += Math.log(curves.get("lstm").ratio(30)) / seeds;
            gru += Math.log(curves.get("gru").ratio(30)) / seeds;
        }
        assertTrue(rnn + Math.log(10) < lstm, "geometric means: rnn " + Math.exp(rnn) + " vs lstm " + Math.exp(lstm));
        assertTrue(rnn + Math.log(10) < gru, "geometric means: rnn " + Math.exp(rnn) + " vs gru " + Math.exp(gru));
    }

    /**
     * With the loss on each example's last real step, the input gradient of a padded example equals the
     * gradient of the same example alone, unpadded; padding steps get none. DL4J's own
     * {@code calculateGradients} puts the features mask where the label mask belongs and so scores every
     * step: its gradient differs.
     */
    @Test
    void input_gradients_honour_the_last_step_label_mask() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        RillConfig cfg = InspectConfigs.noData("classification", "{embedding: 4, layers: [{cell: lstm, units: 5}]}", "{batch_size: 2}");
        MultiLayerNetwork net = new NetworkSizes(12, 0, 2).build(cfg).convertDataType(DataType.DOUBLE);
        List<Example> examples = List.of(new Example(new int[] {2, 3, 4, 5, 6}, 0), new Example(new int[] {7, 8, 9}, 1));
        DataSet padded = ClassificationBatch.dataSet(examples, new int[] {0, 1}, 2, Pooling.LAST);
        DataSet alone = ClassificationBatch.dataSet(examples, new int[] {1}, 2, Pooling.LAST);
        MaskedGradients rest = MaskedGradients.copyFrom(net, 1);

        INDArray eps = inputGradient(net, rest, padded);                                   // [2, 4, 5]
        INDArray epsAlone = inputGradient(net, rest, alone);                               // [1, 4, 3]
        INDArray row = eps.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertTrue(row.equalsWithEps(epsAlone.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()), 1e-10));
        assertEquals(0.0, eps.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)).norm2Number().doubleValue(), 0);
        assertTrue(epsAlone.norm2Number().doubleValue() > 0);

        INDArray embedded = net.feedForwardToLayer(0, padded.getFeatures(), false).get(1);
        INDArray dl4j = rest.calculateGradients(embedded, padded.getLabels(), padded.getFeaturesMaskArray(), padded.getLabelsMaskArray()).getSecond();
        assertTrue(!dl4j.equalsWithEps(eps, 1e-6), "DL4J's calculateGradients now honours the label mask: MaskedGradients can go");
    }

    private static INDArray inputGradient(MultiLayerNetwork net, MaskedGradients rest, DataSet ds) {
        INDArray embedded = net.feedForwardToLayer(0, ds.getFeatures(), false).get(1);
        return rest.gradients(embedded, ds.getLabels(), ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()).getSecond();
    }

    @Test
    void the_clipping_verdict_places_the_threshold_against_the_layer_norms() {
        double[] norms = {0.5, 1.0, 2.0};
        assertEquals(GradientDiagnostics.ClipVerdict.OFF, GradientDiagnostics.verdict(0, norms));
        assertEquals(GradientDiagnostics.ClipVerdict.FAR_ABOVE, GradientDiagnostics.verdict(6.5, norms));
        assertEquals(GradientDiagnostics.ClipVerdict.NEAR, GradientDiagnostics.verdict(5.5, norms));
        assertEquals(GradientDiagnostics.ClipVerdict.NEAR, GradientDiagnostics.verdict(1.0, norms));
        assertEquals(GradientDiagnostics.ClipVerdict.NEAR, GradientDiagnostics.verdict(0.2, norms));
        assertEquals(GradientDiagnostics.ClipVerdict.FAR_BELOW, GradientDiagnostics.verdict(0.1, norms));
    }
}
