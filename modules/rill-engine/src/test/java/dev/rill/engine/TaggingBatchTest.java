package dev.rill.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

class TaggingBatchTest {

    private static final WordFeatures.TaggerInput SHORT = new WordFeatures.TaggerInput(new int[] {5, 6}, new int[][] {{2, 3}, {4}});
    private static final WordFeatures.TaggerInput LONG = new WordFeatures.TaggerInput(new int[] {7, 8, 9}, new int[][] {{2}, {3, 3, 3}, {5}});

    @Test
    void words_and_characters_sit_in_their_channels_right_padded() {
        TaggingBatch.Inputs in = TaggingBatch.inputs(List.of(SHORT, LONG), new int[] {1, 0}, 3);
        assertArrayEquals(new long[] {2, 3, 3}, in.features().shape());
        INDArray f = in.features();
        // row 0 is LONG, row 1 is SHORT (batch order, not list order)
        assertArrayEquals(new float[] {7, 8, 9}, at(f, 0, 0));
        assertArrayEquals(new float[] {2, 3, 5}, at(f, 0, 1));       // first characters
        assertArrayEquals(new float[] {0, 3, 0}, at(f, 0, 2));       // second characters, cut at 2
        assertArrayEquals(new float[] {5, 6, 0}, at(f, 1, 0));
        assertArrayEquals(new float[] {2, 4, 0}, at(f, 1, 1));
        assertArrayEquals(new float[] {3, 0, 0}, at(f, 1, 2));
        assertArrayEquals(new float[] {1, 1, 1}, in.mask().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 0}, in.mask().getRow(1).toFloatVector());
    }

    @Test
    void word_ids_only_without_characters() {
        TaggingBatch.Inputs in = TaggingBatch.inputs(List.of(new WordFeatures.TaggerInput(new int[] {4, 2}, null)), new int[] {0}, 1);
        assertArrayEquals(new long[] {1, 1, 2}, in.features().shape());
        assertArrayEquals(new float[] {4, 2}, in.features().reshape(2).toFloatVector());
    }

    @Test
    void tags_are_one_hot_on_real_steps_and_masked_on_padding() {
        DataSet ds = TaggingBatch.dataSet(List.of(SHORT, LONG), List.of(new int[] {1, 0}, new int[] {2, 2, 1}), new int[] {0, 1}, 1, 3);
        INDArray y = ds.getLabels();
        assertArrayEquals(new long[] {2, 3, 3}, y.shape());
        // SHORT: tag 1 at step 0, tag 0 at step 1, nothing at the padding step
        assertArrayEquals(new float[] {0, 1, 0}, step(y, 0, 0));
        assertArrayEquals(new float[] {1, 0, 0}, step(y, 0, 1));
        assertEquals(0f, y.get(point(0), all(), point(2)).sumNumber().floatValue());
        assertArrayEquals(new float[] {0, 0, 1}, step(y, 1, 0));
        assertArrayEquals(new float[] {0, 1, 0}, step(y, 1, 2));
        assertEquals(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
        assertArrayEquals(new float[] {1, 1, 0}, ds.getLabelsMaskArray().getRow(0).toFloatVector());
    }

    /** Row {@code r}, channel {@code c}, over time. */
    private static float[] at(INDArray a, int r, int c) {
        return a.get(point(r), point(c), all()).toFloatVector();
    }

    /** Row {@code r} at time step {@code t}, over channels/classes. */
    private static float[] step(INDArray a, int r, int t) {
        return a.get(point(r), all(), point(t)).toFloatVector();
    }
}
