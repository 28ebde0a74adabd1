package dev.rill.engine;

import dev.rill.text.Example;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A generator reads its label first and predicts each word and then the end of the text; padding is masked. */
class ConditionedBatchTest {

    private static final ConditionTokens TOKENS = ConditionTokens.build(Map.of("good", 3L, "film", 5L, "bad", 2L),
            List.of("neg", "pos"), 100, 1);

    @Test
    void the_vocabulary_holds_eos_and_a_condition_token_per_label_before_the_words() {
        assertEquals(List.of("<pad>", "<unk>", "<eos>", "<label:neg>", "<label:pos>", "film", "good", "bad"), TOKENS.vocabulary().tokens());
        assertEquals(2, TOKENS.eos());
        assertEquals(4, TOKENS.condition(1));
        assertEquals(List.of(0, 1, 3, 4), TOKENS.banned());
    }

    @Test
    void rows_read_the_condition_then_the_words_and_predict_the_words_then_eos() {
        int film = TOKENS.vocabulary().id("film");
        int good = TOKENS.vocabulary().id("good");
        int bad = TOKENS.vocabulary().id("bad");
        List<Example> examples = List.of(new Example(new int[] {film, good}, 1), new Example(new int[] {bad}, 0));
        DataSet ds = ConditionedBatch.dataSet(examples, new int[] {0, 1}, TOKENS, false);
        int v = TOKENS.vocabulary().size();
        assertArrayEquals(new long[] {2, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {4, film, good, 3, bad, 0}, ds.getFeatures().reshape(6).toFloatVector());
        assertArrayEquals(new long[] {2, v, 3}, ds.getLabels().shape());
        assertEquals(1f, ds.getLabels().getFloat(0, film, 0));
        assertEquals(1f, ds.getLabels().getFloat(0, good, 1));
        assertEquals(1f, ds.getLabels().getFloat(0, 2, 2));
        assertEquals(1f, ds.getLabels().getFloat(1, bad, 0));
        assertEquals(1f, ds.getLabels().getFloat(1, 2, 1));
        double padded = 0;
        for (int k = 0; k < v; k++) {
            padded += ds.getLabels().getFloat(1, k, 2);
        }
        assertEquals(0.0, padded);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, ds.getLabelsMaskArray().reshape(6).toFloatVector());
        assertTrue(ds.getFeaturesMaskArray() == ds.getLabelsMaskArray());
    }

    @Test
    void a_text_can_be_read_under_another_label() {
        List<Example> examples = List.of(new Example(new int[] {5}, 1));
        DataSet ds = ConditionedBatch.dataSet(examples, new int[] {0}, TOKENS, new int[] {0}, false);
        assertEquals(3f, ds.getFeatures().getFloat(0, 0, 0));
        assertFalse(ds.getFeatures().getFloat(0, 0, 0) == TOKENS.condition(1));
    }

    @Test
    void with_the_condition_at_every_step_channel_1_holds_the_label_on_every_real_step() {
        int film = TOKENS.vocabulary().id("film");
        int bad = TOKENS.vocabulary().id("bad");
        List<Example> examples = List.of(new Example(new int[] {film, film}, 1), new Example(new int[] {bad}, 0));
        DataSet ds = ConditionedBatch.dataSet(examples, new int[] {0, 1}, TOKENS, true);
        assertArrayEquals(new long[] {2, 2, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {4, film, film, 1, 1, 1, 3, bad, 0, 0, 0, 0}, ds.getFeatures().reshape(12).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, ds.getLabelsMaskArray().reshape(6).toFloatVector());

        DataSet underPos = ConditionedBatch.dataSet(examples, new int[] {1}, TOKENS, new int[] {1}, true);
        assertArrayEquals(new float[] {4, bad, 1, 1}, underPos.getFeatures().reshape(4).toFloatVector());
    }
}
