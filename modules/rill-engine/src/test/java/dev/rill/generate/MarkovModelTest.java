package dev.rill.generate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkovModelTest {

    private static final double EPS = 1e-12;
    // V = 4. Bigrams: 2 3, 3 2, 2 2, 2 3, 3 3, 3 2, so c(2 3) = 2, c(2 2) = 1, c(2 ·) = 3 (the
    // final 2 starts no bigram), c(3 2) = 2, c(3 3) = 1, c(3 ·) = 3. Unigrams: c(2) = 4, c(3) = 3.
    private static final int[] CORPUS = {2, 3, 2, 2, 3, 3, 2};

    @Test
    void laplace_probabilities_count_bigrams_plus_one() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        // (c(2 w) + 1) / (3 + 4)
        assertArrayEquals(new double[] {1 / 7.0, 1 / 7.0, 2 / 7.0, 3 / 7.0}, m.nextDistribution(new int[] {2}, 0, 1), EPS);
        assertArrayEquals(new double[] {1 / 7.0, 1 / 7.0, 3 / 7.0, 2 / 7.0}, m.nextDistribution(new int[] {3}, 0, 1), EPS);
    }

    @Test
    void lidstone_k_scales_the_pseudo_counts() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 0.5);
        // (2 + 0.5) / (3 + 0.5 * 4)
        assertEquals(0.5, m.probability(new int[] {2}, 0, 1, 3), EPS);
        assertEquals(0.5 / 5, m.probability(new int[] {2}, 0, 1, 0), EPS);
    }

    @Test
    void only_the_last_context_token_matters() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        assertArrayEquals(m.nextDistribution(new int[] {2}, 0, 1), m.nextDistribution(new int[] {3, 0, 3, 2}, 0, 4), EPS);
        assertArrayEquals(m.nextDistribution(new int[] {2}, 0, 1), m.nextDistribution(new int[] {3, 2, 1}, 0, 2), EPS);
    }

    @Test
    void an_unseen_context_gives_the_uniform_distribution() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, m.nextDistribution(new int[] {0}, 0, 1), EPS);
    }

    @Test
    void the_first_token_comes_from_the_add_k_unigram() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        // (c(w) + 1) / (7 + 4)
        assertArrayEquals(new double[] {1 / 11.0, 1 / 11.0, 5 / 11.0, 4 / 11.0}, m.nextDistribution(new int[0], 0, 0), EPS);
    }

    @Test
    void evaluation_sums_the_log_probabilities_after_the_first_token() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        CrossEntropy ce = m.evaluate(new int[] {2, 3, 3, 0});
        // P(3|2) = 3/7, P(3|3) = 2/7, P(0|3) = 1/7
        assertEquals(3, ce.tokens());
        assertEquals(-(Math.log(3 / 7.0) + Math.log(2 / 7.0) + Math.log(1 / 7.0)), ce.totalNats(), EPS);
    }

    @Test
    void greedy_generation_follows_the_most_probable_bigram() {
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        // argmax P(· | 2) = 3, argmax P(· | 3) = 2.
        assertArrayEquals(new int[] {3, 2, 3, 2}, m.sample(new int[] {2}, 4, Sampler.greedy(), new SplittableRandom(0)));
        // Banning 3 leaves 2 as the best after 2.
        assertArrayEquals(new int[] {2, 2, 2}, m.sample(new int[] {2}, 3, Sampler.greedy().banning(3), 0L));
    }

    @Test
    void rejects_bad_smoothing_and_ids() {
        assertThrows(IllegalArgumentException.class, () -> MarkovModel.fit(CORPUS, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> MarkovModel.fit(CORPUS, 4, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MarkovModel.fit(CORPUS, 3, 1));
        MarkovModel m = MarkovModel.fit(CORPUS, 4, 1.0);
        assertThrows(IllegalArgumentException.class, () -> m.probability(new int[] {2}, 0, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> m.nextDistribution(new int[] {7}, 0, 1));
    }
}
