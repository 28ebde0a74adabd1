package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.Pooling;
import dev.rill.text.Example;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many-to-one with truncated BPTT: the label at each sequence's last real step, scored by a
 * per-step output layer whose label mask selects that step.
 */
class TruncatedBpttTest {

    private static final double TOLERANCE = 1e-10;
    private static final List<Example> EXAMPLES = List.of(
            new Example(new int[] {2, 3, 4, 5, 6, 7, 8}, 0),
            new Example(new int[] {9, 3}, 1),
            new Example(new int[] {4, 4, 2, 7, 7}, 1));

    @BeforeAll
    static void doubles() {
        // Double precision so that "equal" means equal to rounding, not to float noise.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @org.junit.jupiter.api.AfterAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static MultiLayerNetwork net(CellType cell, int tbptt) {
        MultiLayerNetwork n = NetworkFactory.classifier(TestConfigs.model(cell, false, Pooling.LAST),
                TestConfigs.training(tbptt, 3, 1), 10, 2);
        return n.convertDataType(DataType.DOUBLE);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void tbptt_covering_the_sequence_trains_exactly_like_full_bptt(CellType cell) {
        MultiLayerNetwork full = net(cell, 0);
        MultiLayerNetwork truncated = net(cell, 20);
        truncated.setParams(full.params().dup());
        DataSet ds = doubles(ClassificationBatch.dataSet(EXAMPLES, new int[] {0, 1, 2}, 2, Pooling.LAST));
        for (int step = 0; step < 3; step++) {
            full.fit(ds);
            truncated.fit(ds);
        }
        assertArrayEquals(full.params().toDoubleVector(), truncated.params().toDoubleVector(), TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"GRU", "LSTM"})
    void short_segments_still_reach_the_label_in_the_last_segment(CellType cell) {
        // Rill's own cells: DL4J's SimpleRnn gets multi-segment gradients wrong (Dl4jTbpttDefectTest).
        MultiLayerNetwork full = net(cell, 0);
        MultiLayerNetwork truncated = net(cell, 3);
        truncated.setParams(full.params().dup());
        DataSet ds = doubles(ClassificationBatch.dataSet(EXAMPLES, new int[] {0, 1, 2}, 2, Pooling.LAST));
        double[] before = truncated.params().toDoubleVector();
        truncated.fit(ds);
        full.fit(ds);
        double[] after = truncated.params().toDoubleVector();
        // Segments of 3 steps over 7: the update happens, and it differs from full BPTT
        // because gradients are cut at segment boundaries.
        assertFalse(java.util.Arrays.equals(before, after));
        double diff = 0;
        for (int i = 0; i < after.length; i++) {
            diff = Math.max(diff, Math.abs(after[i] - full.params().getDouble(i)));
        }
        assertTrue(diff > 1e-8, "truncation must change the update, max diff " + diff);
    }

    private static DataSet doubles(DataSet ds) {
        return new DataSet(ds.getFeatures().castTo(DataType.DOUBLE), ds.getLabels().castTo(DataType.DOUBLE),
                ds.getFeaturesMaskArray().castTo(DataType.DOUBLE), ds.getLabelsMaskArray().castTo(DataType.DOUBLE));
    }
}
