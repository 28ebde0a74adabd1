package dev.rill.engine;

import dev.rill.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaggingMetricsTest {

    private static WordFeatures.TaggerInput words(int... ids) {
        return new WordFeatures.TaggerInput(ids, null);
    }

    @Test
    void token_and_out_of_vocabulary_accuracy() {
        List<String> tags = List.of("NOUN", "VERB");
        int unk = Vocabulary.UNK_ID;
        // 5 tokens, 3 right; 2 of them <unk>, 1 of those right
        TaggingMetrics m = TaggingMetrics.of(tags, List.of(words(5, unk, 6), words(unk, 7)),
                List.of(new int[] {0, 1, 0}, new int[] {0, 1}), new int[][] {{0, 1, 1}, {1, 1}});
        assertEquals(3.0 / 5, m.accuracy(), 1e-12);
        assertEquals(2, m.oovTokens());
        assertEquals(0.5, m.oovAccuracy(), 1e-12);
        // NOUN: gold 3, predicted 1 (correct 1) -> P 1, R 1/3; VERB: gold 2, predicted 4 (correct 2) -> P 1/2, R 1
        assertEquals(1.0, m.tokens().precision(0), 1e-12);
        assertEquals(1.0 / 3, m.tokens().recall(0), 1e-12);
        assertEquals(0.5, m.tokens().precision(1), 1e-12);
        assertEquals(1.0, m.tokens().recall(1), 1e-12);
        assertNull(m.entities());
        assertEquals(0.6, (double) m.toMap().get("accuracy"), 1e-12);
    }

    @Test
    void entity_spans_are_scored_for_bio_tags() {
        List<String> tags = List.of("B-LOC", "B-PER", "I-PER", "O");
        // gold:      B-PER I-PER O B-LOC     -> spans PER[0,2), LOC[3,4)
        // predicted: B-PER O     O B-LOC     -> spans PER[0,1), LOC[3,4): LOC right, PER wrong boundary
        TaggingMetrics m = TaggingMetrics.of(tags, List.of(words(2, 3, 4, 5)),
                List.of(new int[] {1, 2, 3, 0}), new int[][] {{1, 3, 3, 0}});
        assertEquals(2, m.entities().goldSpans());
        assertEquals(2, m.entities().predictedSpans());
        assertEquals(1, m.entities().correct());
        assertEquals(0.5, m.entities().f1(), 1e-12);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertTrue(m.format().contains("entities: precision 0.5000 recall 0.5000 F1 0.5000"), m.format());
    }

    @Test
    void only_o_and_typed_prefixed_tags_make_an_entity_scheme() {
        assertTrue(TaggingMetrics.isEntityScheme(List.of("O", "B-PER", "I-PER", "E-PER", "S-LOC")));
        assertFalse(TaggingMetrics.isEntityScheme(List.of("NOUN", "VERB")));
        assertFalse(TaggingMetrics.isEntityScheme(List.of("O")));
        assertFalse(TaggingMetrics.isEntityScheme(List.of("O", "B-PER", "PROPN")));
    }
}
