package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.Pooling;
import dev.rill.config.WeightInitKind;
import dev.rill.generate.CrossEntropy;
import dev.rill.generate.RecurrentStepper;
import dev.rill.generate.StreamScorer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The language-model network read step by step: what generation ({@code rnnTimeStep}) and held-out
 * scoring (rows read in chunks) compute must be what one forward pass over the whole sequence
 * computes, i.e. the state is carried exactly.
 */
class LanguageModelNetworkTest {

    private static final int V = 9;
    private static final int[] STREAM = randomStream(61, 11);

    @BeforeAll
    static void doubles() {
        // Double precision so that "equal" means equal to rounding, not to float noise.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static int[] randomStream(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random.ints(length, 2, V).toArray();
    }

    /** Two stacked layers, so the state of both is carried; tbptt as the config would train it. */
    private static MultiLayerNetwork network(CellType cell) {
        ModelConfig model = new ModelConfig(5, List.of(new LayerConfig(cell, 7, false, 0.0), new LayerConfig(cell, 6, false, 0.0)),
                Pooling.LAST, 0.0, WeightInitKind.XAVIER);
        int tbptt = cell == CellType.GRU ? 4 : 0;
        return NetworkFactory.languageModel(model, TestConfigs.training(tbptt, 2, 1), V).convertDataType(DataType.DOUBLE);
    }

    /** {@code [V, time]}: the softmax of one forward pass over {@code tokens}. */
    private static INDArray wholeSequence(MultiLayerNetwork net, int[] tokens) {
        INDArray in = ids(tokens);
        return net.output(in).get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static INDArray ids(int[] tokens) {
        double[] d = Arrays.stream(tokens).asDoubleStream().toArray();
        return Nd4j.create(d, new long[] {1, 1, tokens.length}, 'c');
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void time_steps_in_uneven_chunks_equal_one_whole_sequence_forward(CellType cell) {
        MultiLayerNetwork net = network(cell);
        INDArray whole = wholeSequence(net, STREAM);
        net.rnnClearPreviousState();
        int from = 0;
        for (int chunk : new int[] {1, 7, 13, 4, 20, 16}) {
            int[] part = Arrays.copyOfRange(STREAM, from, from + chunk);
            INDArray out = net.rnnTimeStep(ids(part));
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + chunk));
            assertArrayEquals(expected.reshape(V * chunk).toDoubleVector(), out.reshape(V * chunk).toDoubleVector(), 1e-10,
                    "chunk at step " + from);
            from += chunk;
        }
        assertEquals(STREAM.length, from);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void stepping_token_by_token_gives_the_distribution_of_a_whole_forward_at_its_last_step(CellType cell) {
        MultiLayerNetwork net = network(cell);
        int[] prefix = Arrays.copyOf(STREAM, 12);
        RecurrentStepper stepper = new RecurrentStepper(net);
        double[] p = stepper.read(Arrays.copyOf(prefix, 9));
        for (int t = 9; t < prefix.length; t++) {
            p = stepper.read(prefix[t]);
        }
        INDArray whole = wholeSequence(net, prefix);
        assertArrayEquals(whole.getColumn(prefix.length - 1).toDoubleVector(), p, 1e-10);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
    }

    /** The loss by definition: {@code -sum_t ln p_t(x_{t+1})} from one forward pass over the whole stream. */
    private static double wholeSequenceNats(MultiLayerNetwork net, int[] tokens) {
        INDArray p = wholeSequence(net, Arrays.copyOf(tokens, tokens.length - 1));
        double nats = 0;
        for (int t = 0; t < tokens.length - 1; t++) {
            nats -= Math.log(p.getDouble(tokens[t + 1], t));
        }
        return nats;
    }

    @Test
    void scoring_in_one_row_equals_the_loss_of_one_whole_sequence_forward() {
        MultiLayerNetwork net = network(CellType.GRU);
        CrossEntropy ce = StreamScorer.score(net, STREAM, 1, 0);
        assertEquals(STREAM.length - 1, ce.tokens());
        assertEquals(wholeSequenceNats(net, STREAM), ce.totalNats(), 1e-8);
    }

    @Test
    void parallel_rows_with_a_warmup_reaching_the_start_score_every_token_with_all_its_context() {
        MultiLayerNetwork net = network(CellType.GRU);
        double oneRow = StreamScorer.score(net, STREAM, 1, 0).totalNats();
        CrossEntropy rows = StreamScorer.score(net, STREAM, 4, STREAM.length);
        assertEquals(STREAM.length - 1, rows.tokens());
        assertEquals(oneRow, rows.totalNats(), 1e-8);
    }

    @Test
    void parallel_rows_with_a_short_warmup_score_each_token_once_from_less_context() {
        MultiLayerNetwork net = network(CellType.GRU);
        CrossEntropy rows = StreamScorer.score(net, STREAM, 4, 3);
        assertEquals(STREAM.length - 1, rows.tokens());
        // Same tokens, a different (shorter) context for some: close to, but not exactly, the full-context loss.
        double full = StreamScorer.score(net, STREAM, 1, 0).totalNats();
        assertEquals(full, rows.totalNats(), 0.05 * full);
    }

    @Test
    void scoring_leaves_no_state_behind() {
        MultiLayerNetwork net = network(CellType.GRU);
        StreamScorer.score(net, STREAM, 3, 5);
        INDArray after = net.rnnTimeStep(ids(Arrays.copyOf(STREAM, 5)));
        INDArray fresh = wholeSequence(net, Arrays.copyOf(STREAM, 5));
        assertArrayEquals(fresh.reshape(V * 5).toDoubleVector(), after.reshape(V * 5).toDoubleVector(), 1e-10);
    }
}
