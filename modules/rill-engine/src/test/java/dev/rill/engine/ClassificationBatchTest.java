package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.Pooling;
import dev.rill.text.Example;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassificationBatchTest {

    private static final double TOLERANCE = 1e-5;
    private static final List<Example> EXAMPLES = List.of(
            new Example(new int[] {2, 3, 4, 5, 6, 7, 8}, 0),
            new Example(new int[] {9}, 1),
            new Example(new int[] {4, 4, 2}, 1),
            new Example(new int[] {5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8}, 0));

    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of(CellType.LSTM, false, Pooling.LAST),
                Arguments.of(CellType.LSTM, true, Pooling.LAST),
                Arguments.of(CellType.RNN, false, Pooling.LAST),
                Arguments.of(CellType.GRU, false, Pooling.LAST),
                Arguments.of(CellType.GRU, true, Pooling.MEAN),
                Arguments.of(CellType.LSTM, true, Pooling.MAX));
    }

    @ParameterizedTest(name = "{0} bidirectional={1} pooling={2}")
    @MethodSource("heads")
    void padded_batch_predicts_what_each_example_predicts_alone(CellType cell, boolean bi, Pooling pooling) {
        Classifier c = new Classifier(NetworkFactory.classifier(TestConfigs.model(cell, bi, pooling),
                TestConfigs.training(0, 4, 1), 10, 2), pooling);
        double[][] batched = c.probabilities(EXAMPLES, 4);
        for (int i = 0; i < EXAMPLES.size(); i++) {
            double[] alone = c.probabilities(List.of(EXAMPLES.get(i)), 1)[0];
            assertArrayEquals(alone, batched[i], TOLERANCE, "example " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void last_step_labels_sit_at_each_rows_last_real_step() {
        DataSet ds = ClassificationBatch.dataSet(EXAMPLES, new int[] {1, 2}, 2, Pooling.LAST);
        // [batch, time] features mask: row 0 has 1 real step, row 1 has 3.
        assertArrayEquals(new float[] {1, 0, 0}, ds.getFeaturesMaskArray().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1}, ds.getFeaturesMaskArray().getRow(1).toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0}, ds.getLabelsMaskArray().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 1}, ds.getLabelsMaskArray().getRow(1).toFloatVector());
        assertEquals(1f, ds.getLabels().getFloat(0, 1, 0));
        assertEquals(1f, ds.getLabels().getFloat(1, 1, 2));
        assertEquals(2.0, ds.getLabels().sumNumber().doubleValue());
        // Padding uses id 0 (<pad>).
        assertArrayEquals(new float[] {9, 0, 0}, ds.getFeatures().slice(0).toFloatVector());
    }
}
