package dev.rill.text;

import dev.rill.text.EntitySpans.EntityScores;
import dev.rill.text.EntitySpans.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EntitySpansTest {

    private static List<Span> spans(String tags) {
        return EntitySpans.spans(List.of(tags.split(" ")));
    }

    @Test
    void bio_tags_give_spans_with_exclusive_ends() {
        assertEquals(List.of(new Span("PER", 0, 2), new Span("LOC", 3, 4), new Span("LOC", 4, 6), new Span("ORG", 7, 8)),
                spans("B-PER I-PER O B-LOC B-LOC I-LOC O B-ORG"));
    }

    @Test
    void iobes_tags_give_the_same_kind_of_spans() {
        assertEquals(List.of(new Span("PER", 0, 1), new Span("ORG", 2, 5), new Span("LOC", 5, 6), new Span("MISC", 6, 8)),
                spans("S-PER O B-ORG I-ORG E-ORG S-LOC B-MISC E-MISC"));
    }

    @Test
    void a_stray_i_after_o_starts_a_span() {
        assertEquals(List.of(new Span("PER", 1, 3)), spans("O I-PER I-PER O"));
    }

    @Test
    void an_i_of_another_type_ends_the_open_span_and_starts_its_own() {
        assertEquals(List.of(new Span("PER", 0, 1), new Span("LOC", 1, 3)), spans("B-PER I-LOC I-LOC"));
    }

    @Test
    void an_i_after_a_closing_e_or_s_starts_a_new_span() {
        assertEquals(List.of(new Span("PER", 0, 3), new Span("PER", 3, 4)), spans("B-PER I-PER E-PER I-PER"));
        assertEquals(List.of(new Span("PER", 0, 1), new Span("PER", 1, 2)), spans("S-PER I-PER"));
    }

    @Test
    void a_stray_e_after_o_is_a_one_token_span() {
        assertEquals(List.of(new Span("LOC", 1, 2)), spans("O E-LOC O"));
    }

    @Test
    void only_o_tags_give_no_spans() {
        assertEquals(List.of(), spans("O O O"));
        assertEquals(List.of(), EntitySpans.spans(List.of()));
    }

    @Test
    void a_tag_without_a_known_prefix_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> spans("O PER"));
        assertThrows(IllegalArgumentException.class, () -> spans("B-"));
        assertThrows(IllegalArgumentException.class, () -> spans("X-PER"));
    }

    @Test
    void scores_count_exact_matches_of_type_start_and_end() {
        // Gold: PER[0,2) LOC[3,4) | ORG[0,1). Predicted: PER[0,2) right, ORG[3,4) wrong type | ORG[0,1) right.
        List<List<String>> gold = List.of(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-ORG", "O"));
        List<List<String>> predicted = List.of(List.of("B-PER", "I-PER", "O", "B-ORG"), List.of("B-ORG", "O"));
        EntityScores scores = EntitySpans.score(gold, predicted);
        assertEquals(new EntityScores(3, 3, 2), scores);
        assertEquals(2.0 / 3, scores.precision(), 1e-12);
        assertEquals(2.0 / 3, scores.recall(), 1e-12);
        assertEquals(2.0 / 3, scores.f1(), 1e-12);
    }

    @Test
    void precision_and_recall_differ_when_the_span_counts_do() {
        // Predicted PER[0,1) has the wrong end; ORG[1,2) is extra: 4 predicted, 2 correct, 3 gold.
        List<List<String>> gold = List.of(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-ORG", "O"));
        List<List<String>> predicted = List.of(List.of("B-PER", "B-PER", "O", "B-LOC"), List.of("B-ORG", "O"));
        EntityScores scores = EntitySpans.score(gold, predicted);
        assertEquals(new EntityScores(3, 4, 2), scores);
        assertEquals(0.5, scores.precision(), 1e-12);
        assertEquals(2.0 / 3, scores.recall(), 1e-12);
        assertEquals(4.0 / 7, scores.f1(), 1e-12);
    }

    @Test
    void no_spans_score_zero_not_nan() {
        EntityScores none = EntitySpans.score(List.of(), List.of());
        assertEquals(0.0, none.precision());
        assertEquals(0.0, none.recall());
        assertEquals(0.0, none.f1());
        EntityScores missedAll = EntitySpans.score(List.of(List.of("S-PER")), List.of(List.of("O")));
        assertEquals(new EntityScores(1, 0, 0), missedAll);
        assertEquals(0.0, missedAll.precision());
        assertEquals(0.0, missedAll.f1());
    }

    @Test
    void sentences_of_different_lengths_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> EntitySpans.score(List.of(List.of("O")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> EntitySpans.score(List.of(List.of("O")), List.of(List.of("O", "O"))));
    }
}
