package dev.rill.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every prediction of a held-out stream is scored exactly once, by a row that has read enough context. */
class StreamScorerLayoutTest {

    @ParameterizedTest(name = "{0} tokens, {1} rows, warm-up {2}")
    @CsvSource({"2, 1, 0", "2, 8, 5", "100, 1, 0", "100, 4, 0", "100, 4, 10", "100, 7, 3", "101, 10, 200", "1000, 64, 100", "65, 64, 100"})
    void each_position_is_scored_once_with_enough_context(int tokens, int rows, int warmup) {
        StreamScorer.Layout layout = StreamScorer.Layout.of(tokens, rows, warmup);
        int m = tokens - 1;
        assertEquals(m, layout.predictions());
        assertTrue(layout.rows() <= rows && layout.rows() >= 1);
        int w = Math.min(warmup, m - layout.block());
        for (int i = 0; i < m; i++) {
            int scoredBy = 0;
            for (int r = 0; r < layout.rows(); r++) {
                if (layout.scores(r, i)) {
                    scoredBy++;
                    int start = layout.starts()[r];
                    assertTrue(i >= start && i < start + layout.length(), "row " + r + " must read position " + i);
                    assertTrue(i - start >= Math.min(i, w), "position " + i + " has " + (i - start) + " tokens of context in row " + r);
                    assertTrue(start + layout.length() <= m, "row " + r + " reads past the last input");
                }
            }
            assertEquals(1, scoredBy, "position " + i);
        }
    }

    @Test
    void rows_split_the_stream_evenly() {
        StreamScorer.Layout layout = StreamScorer.Layout.of(101, 4, 10);
        assertEquals(25, layout.block());
        assertEquals(35, layout.length());
        assertEquals(java.util.List.of(0, 15, 40, 65), java.util.Arrays.stream(layout.starts()).boxed().toList());
    }

    @Test
    void a_stream_of_one_token_has_nothing_to_score() {
        assertThrows(IllegalArgumentException.class, () -> StreamScorer.Layout.of(1, 4, 0));
    }
}
