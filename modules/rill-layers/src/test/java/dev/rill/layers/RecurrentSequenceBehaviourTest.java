package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.rill.layers.RecurrentTestSupport.Cell;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Streaming, masking and data-format behaviour of {@link GruLayer} and {@link LstmLayer} in MultiLayerNetwork and ComputationGraph. */
class RecurrentSequenceBehaviourTest {

    /** Same computation split differently (step by step, one example alone): only rounding may differ. */
    static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertEquals(List.of(a.shape()[0], a.shape()[1]), List.of(b.shape()[0], b.shape()[1]));
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** The cell, then DL4J's LSTM, then the cell, then softmax: streaming state must flow through both layer kinds. */
    private static MultiLayerNetwork stackedNet(Cell cell) {
        return net(RecurrentTestSupport.gradientCheckBase(21).list()
                .layer(cell.layer(3, 5, RNNFormat.NCW))
                .layer(new LSTM.Builder().nIn(5).nOut(4).activation(Activation.TANH).build())
                .layer(cell.layer(4, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build());
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void rnn_time_step_one_step_at_a_time_equals_full_sequence_output(Cell cell) {
        MultiLayerNetwork net = stackedNet(cell);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 7).subi(0.5);   // [mb, nIn, T]
        INDArray full = net.output(x);                                 // [mb, 3, T]

        net.rnnClearPreviousState();
        for (int t = 0; t < 7; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)));   // [mb, 3, 1]
            assertTrue(maxAbsDiff(step.reshape(2, 3), full.get(all(), all(), point(t))) < TOLERANCE, "step " + t);
        }

        // Chunks of several steps continue from the stored state just the same.
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(x.get(all(), all(), interval(0, 3)));
        INDArray rest = net.rnnTimeStep(x.get(all(), all(), interval(3, 7)));
        assertTrue(maxAbsDiff(first, full.get(all(), all(), interval(0, 3))) < TOLERANCE);
        assertTrue(maxAbsDiff(rest, full.get(all(), all(), interval(3, 7))) < TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void rnn_get_and_set_previous_state_resume_streaming_and_clear_resets_it(Cell cell) {
        MultiLayerNetwork net = stackedNet(cell);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5);
        INDArray full = net.output(x);

        net.rnnClearPreviousState();
        net.rnnTimeStep(x.get(all(), all(), interval(0, 4)));
        Map<String, INDArray> saved = new HashMap<>(net.rnnGetPreviousState(0));
        assertEquals(List.of(2L, 5L), List.of(saved.get(GruLayer.STATE_KEY_PREV_ACTIVATION).shape()[0],
                saved.get(GruLayer.STATE_KEY_PREV_ACTIVATION).shape()[1]));
        Map<String, INDArray> savedLstm = new HashMap<>(net.rnnGetPreviousState(1));
        Map<String, INDArray> savedTop = new HashMap<>(net.rnnGetPreviousState(2));
        INDArray step4 = net.rnnTimeStep(x.get(all(), all(), interval(4, 5)));

        // Restore the state after step 3 and redo step 4.
        net.rnnSetPreviousState(0, saved);
        net.rnnSetPreviousState(1, savedLstm);
        net.rnnSetPreviousState(2, savedTop);
        INDArray again = net.rnnTimeStep(x.get(all(), all(), interval(4, 5)));
        assertTrue(maxAbsDiff(step4, again) < TOLERANCE);
        assertTrue(maxAbsDiff(again.reshape(2, 3), full.get(all(), all(), point(4))) < TOLERANCE);

        // After clearing, streaming starts from a zero state again.
        net.rnnClearPreviousState();
        assertTrue(net.rnnGetPreviousState(0).isEmpty());
        INDArray restart = net.rnnTimeStep(x.get(all(), all(), interval(0, 1)));
        assertTrue(maxAbsDiff(restart.reshape(2, 3), full.get(all(), all(), point(0))) < TOLERANCE);
    }

    /** Right-padded batch with lengths 6, 4, 1; padded steps hold garbage that must not matter. */
    private static void assertPaddedBatchMatchesUnpadded(MultiLayerNetwork net) {
        int[] lengths = {6, 4, 1};
        int tMax = 6;
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, tMax).subi(0.5).muli(2);   // [mb, nIn, T], padding = garbage
        INDArray mask = RecurrentTestSupport.rightPaddedMask(lengths, tMax);           // [mb, T]
        INDArray batched = net.output(x, false, mask, mask);                     // [mb, nOut, T]
        for (int i = 0; i < lengths.length; i++) {
            INDArray alone = net.output(x.get(interval(i, i + 1), all(), interval(0, lengths[i])));   // [1, nOut, len]
            INDArray real = batched.get(interval(i, i + 1), all(), interval(0, lengths[i]));
            assertTrue(maxAbsDiff(alone, real) < TOLERANCE, "example " + i);
        }
        // The GRU layer's own output is exactly zero at padded steps (DL4J LSTM/SimpleRnn behaviour).
        INDArray gruOut = net.feedForward(x, mask, mask).get(1);
        assertEquals(0.0, gruOut.get(point(1), all(), interval(4, tMax)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, gruOut.get(point(2), all(), interval(1, tMax)).amaxNumber().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void masked_padded_batch_gives_same_outputs_as_each_example_alone(Cell cell) {
        assertPaddedBatchMatchesUnpadded(net(RecurrentTestSupport.gradientCheckBase(22).list()
                .layer(cell.layer(3, 5, RNNFormat.NCW))
                .layer(cell.layer(5, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build()));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void masked_padded_batch_inside_bidirectional_gives_same_outputs_as_each_example_alone(Cell cell) {
        // Bidirectional reverses the sequence for its backward copy, which turns right padding into left
        // padding: the backward GRU must start every real sequence from a clean zero state.
        assertPaddedBatchMatchesUnpadded(net(RecurrentTestSupport.gradientCheckBase(23).list()
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, cell.layer(3, 5, RNNFormat.NCW)))
                .layer(RecurrentTestSupport.softmaxOut(10, 3, RNNFormat.NCW))
                .build()));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void rnn_time_step_in_nwc_format_equals_full_sequence_output(Cell cell) {
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(26).list()
                .layer(cell.layer(3, 5, RNNFormat.NWC))
                .layer(cell.layer(5, 4, RNNFormat.NWC))
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NWC))
                .build());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 3);   // [mb, T, nIn]
        INDArray full = net.output(x);                       // [mb, T, 2]
        net.rnnClearPreviousState();
        for (int t = 0; t < 5; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), interval(t, t + 1), all()));   // [mb, 1, 2]
            assertTrue(maxAbsDiff(step.reshape(2, 2), full.get(all(), point(t), all())) < TOLERANCE, "step " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void computation_graph_gives_the_same_outputs_as_multi_layer_network(Cell cell) {
        MultiLayerNetwork mln = stackedNet(cell);
        ComputationGraph graph = new ComputationGraph(RecurrentTestSupport.gradientCheckBase(21).graphBuilder()
                .addInputs("in")
                .addLayer("gru1", cell.layer(3, 5, RNNFormat.NCW), "in")
                .addLayer("lstm", new LSTM.Builder().nIn(5).nOut(4).activation(Activation.TANH).build(), "gru1")
                .addLayer("gru2", cell.layer(4, 4, RNNFormat.NCW), "lstm")
                .addLayer("out", RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW), "gru2")
                .setOutputs("out")
                .build());
        graph.init();
        graph.setParams(mln.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5);
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {6, 3}, 6);
        INDArray expected = mln.output(x, false, mask, mask);
        INDArray actual = graph.output(false, new INDArray[] {x}, new INDArray[] {mask}, new INDArray[] {mask})[0];
        assertTrue(maxAbsDiff(expected, actual) < TOLERANCE);

        // Streaming through the graph too.
        graph.rnnClearPreviousState();
        INDArray first = graph.rnnTimeStep(x.get(all(), all(), interval(0, 2)))[0];
        INDArray rest = graph.rnnTimeStep(x.get(all(), all(), interval(2, 6)))[0];
        INDArray full = mln.output(x);
        assertTrue(maxAbsDiff(first, full.get(all(), all(), interval(0, 2))) < TOLERANCE);
        assertTrue(maxAbsDiff(rest, full.get(all(), all(), interval(2, 6))) < TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void last_time_step_wrapper_picks_each_example_s_last_real_step(Cell cell) {
        // Sentence classification: LastTimeStep(GRU) must use the last unmasked step of each example.
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(27).list()
                .layer(new LastTimeStep(cell.layer(3, 5, RNNFormat.NCW)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(5).nOut(2).build())
                .build());
        int[] lengths = {6, 2};
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6);
        INDArray mask = RecurrentTestSupport.rightPaddedMask(lengths, 6);
        INDArray batched = net.output(x, false, mask, null);   // [mb, 2]
        for (int i = 0; i < 2; i++) {
            INDArray alone = net.output(x.get(interval(i, i + 1), all(), interval(0, lengths[i])));
            assertTrue(maxAbsDiff(alone, batched.get(interval(i, i + 1), all())) < TOLERANCE, "example " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void nwc_format_gives_the_same_outputs_as_ncw(Cell cell) {
        MultiLayerNetwork ncw = net(RecurrentTestSupport.gradientCheckBase(24).list()
                .layer(cell.layer(3, 5, RNNFormat.NCW))
                .layer(RecurrentTestSupport.mseOut(5, 2, RNNFormat.NCW))
                .build());
        MultiLayerNetwork nwc = net(RecurrentTestSupport.gradientCheckBase(25).list()
                .layer(cell.layer(3, 5, RNNFormat.NWC))
                .layer(RecurrentTestSupport.mseOut(5, 2, RNNFormat.NWC))
                .build());
        nwc.setParams(ncw.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6);   // [mb, nIn, T]
        INDArray outNcw = ncw.output(x);                     // [mb, 2, T]
        INDArray outNwc = nwc.output(x.permute(0, 2, 1).dup());   // [mb, T, 2]
        assertTrue(maxAbsDiff(outNcw, outNwc.permute(0, 2, 1)) < TOLERANCE);
    }
}
