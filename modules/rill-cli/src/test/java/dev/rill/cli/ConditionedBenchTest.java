package dev.rill.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The variety measure of the conditioned benchmark, by hand. */
class ConditionedBenchTest {

    @Test
    void distinct_bigrams_count_each_word_pair_once_over_all_texts() {
        // bigrams: "the film", "film is", "is good" | "the film", "film is", "is bad" | none -> 4 distinct of 6
        assertEquals(4.0 / 6, ConditionedBench.distinctBigrams(List.of("the film is good", " the  film is bad", "one")), 1e-15);
        assertEquals(0.0, ConditionedBench.distinctBigrams(List.of("", "word")), 0.0);
    }
}
