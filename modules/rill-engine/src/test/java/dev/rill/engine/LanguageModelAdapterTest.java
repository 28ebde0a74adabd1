package dev.rill.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageModelAdapterTest {

    /** DL4J's score after fit is the loss summed over the last segment's steps; its length turns it into nats per token. */
    @ParameterizedTest(name = "{0} steps, tbptt {1}: last segment {2}")
    @CsvSource({"100, 50, 50", "100, 0, 100", "120, 50, 20", "30, 50, 30", "1, 50, 1", "50, 50, 50", "51, 50, 1"})
    void the_last_segment_fitted_sets_the_per_token_loss(long steps, int tbptt, long expected) {
        assertEquals(expected, LanguageModelAdapter.lastSegment(steps, tbptt));
    }
}
