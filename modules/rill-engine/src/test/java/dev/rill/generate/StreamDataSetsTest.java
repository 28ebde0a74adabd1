package dev.rill.generate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamDataSetsTest {

    private static final int V = 6;
    // inputs [2][3], targets [2][3]
    private static final StreamBatch BATCH = new StreamBatch(0,
            new int[][] {{2, 3, 4}, {5, 5, 2}},
            new int[][] {{3, 4, 5}, {5, 2, 0}});

    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void id_features_are_rank_3_ncw_token_ids() {
        DataSet ds = StreamDataSets.withIds(BATCH, V);
        INDArray f = ds.getFeatures();
        assertArrayEquals(new long[] {2, 1, 3}, f.shape());
        assertEquals(DataType.FLOAT, f.dataType());
        assertArrayEquals(new float[] {2, 3, 4}, f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatVector());
        assertEquals(5f, f.getFloat(1, 0, 0));
        assertEquals(2f, f.getFloat(1, 0, 2));
        assertNull(ds.getFeaturesMaskArray());
        assertNull(ds.getLabelsMaskArray());
    }

    @Test
    void labels_are_one_hot_targets_over_the_vocabulary() {
        INDArray labels = StreamDataSets.withIds(BATCH, V).getLabels();
        assertArrayEquals(new long[] {2, V, 3}, labels.shape());
        assertEquals(6.0, labels.sumNumber().doubleValue());
        int[][] targets = BATCH.targets();
        for (int r = 0; r < 2; r++) {
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < V; v++) {
                    assertEquals(v == targets[r][t] ? 1f : 0f, labels.getFloat(r, v, t), "r=" + r + " v=" + v + " t=" + t);
                }
            }
        }
    }

    @Test
    void one_hot_features_mark_each_input_token() {
        DataSet ds = StreamDataSets.withOneHot(BATCH, V);
        INDArray f = ds.getFeatures();
        assertArrayEquals(new long[] {2, V, 3}, f.shape());
        assertEquals(6.0, f.sumNumber().doubleValue());
        assertEquals(1f, f.getFloat(0, 2, 0));
        assertEquals(1f, f.getFloat(0, 3, 1));
        assertEquals(1f, f.getFloat(0, 4, 2));
        assertEquals(1f, f.getFloat(1, 5, 0));
        assertEquals(1f, f.getFloat(1, 5, 1));
        assertEquals(1f, f.getFloat(1, 2, 2));
        assertEquals(ds.getLabels(), StreamDataSets.withIds(BATCH, V).getLabels());
    }

    @Test
    void rejects_token_ids_outside_the_vocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamDataSets.withIds(BATCH, 5));
        assertEquals("token id 5 outside the vocabulary [0, 5)", e.getMessage());
    }
}
