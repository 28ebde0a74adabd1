package dev.rill.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {

    static final List<String> TRAINING_KEYS = TrainingBinder.KEYS;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "epochz, epochs",
            "epoch, epochs",
            "Epochs, epochs",
            "batchsize, batch_size",
            "bacth_size, batch_size",
            "log, log_every",
            "seeds, seed",
            "tbtt, tbptt",
    })
    void unknown_key_suggests_closest(String typed, String expected) {
        assertEquals(Optional.of(expected), DidYouMean.closest(typed, TRAINING_KEYS));
    }

    @ParameterizedTest
    @CsvSource({"learning_speed", "xyz", "''"})
    void nothing_close_suggests_nothing(String typed) {
        assertEquals(Optional.empty(), DidYouMean.closest(typed, TRAINING_KEYS));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"lsmt, lstm", "gur, gru", "rn, rnn"})
    void unknown_enum_value_suggests_closest(String typed, String expected) {
        assertEquals(Optional.of(expected), DidYouMean.closest(typed, List.of("lstm", "gru", "rnn")));
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({"'', abc, 3", "abc, abc, 0", "kitten, sitting, 3", "lsmt, lstm, 1", "flaw, lawn, 2", "ca, abc, 3"})
    void distance_counts_edits_and_neighbour_swaps(String a, String b, int expected) {
        assertEquals(expected, DidYouMean.distance(a, b));
    }

    @org.junit.jupiter.api.Test
    void suffix_is_empty_without_a_suggestion() {
        assertEquals(" (did you mean 'seed'?)", DidYouMean.suffix("sed", TRAINING_KEYS));
        assertEquals("", DidYouMean.suffix("zzzzzz", TRAINING_KEYS));
    }
}
