package dev.rill.generate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interpolated Kneser-Ney by hand on a 7-token corpus over V = 4 ids, discount D = 0.5.
 *
 * <p>Bigram counts: c(2 3) = 2, c(3 2) = 2, c(2 2) = 1, c(3 3) = 1, so c(2 ·) = c(3 ·) = 3 and
 * N1+(2 ·) = N1+(3 ·) = 2. Continuation counts of unigrams (distinct left neighbours):
 * N1+(· 2) = 2 (after 3 and 2), N1+(· 3) = 2, N1+(· 0) = N1+(· 1) = 0; total 4 over 2 types.
 * <pre>
 *   P1(2) = P1(3) = (2 - 0.5 + 0.5 * 2 / 4) / 4 = 1.75 / 4
 *   P1(0) = P1(1) = (0.5 * 2 / 4) / 4            = 0.25 / 4
 *   P2(3 | 2) = (2 - 0.5 + 0.5 * 2 * P1(3)) / 3  = 1.9375 / 3
 *   P2(2 | 2) = (1 - 0.5 + 0.5 * 2 * P1(2)) / 3  = 0.9375 / 3
 *   P2(0 | 2) = (0.5 * 2 * P1(0)) / 3            = 0.0625 / 3
 * </pre>
 */
class NgramModelTest {

    private static final double EPS = 1e-12;
    private static final int[] CORPUS = {2, 3, 2, 2, 3, 3, 2};

    @Test
    void bigram_probabilities_match_the_hand_computation() {
        NgramModel m = NgramModel.fit(CORPUS, 4, 2, 0.5);
        assertArrayEquals(new double[] {0.0625 / 3, 0.0625 / 3, 0.9375 / 3, 1.9375 / 3},
                m.nextDistribution(new int[] {2}, 0, 1), EPS);
        assertArrayEquals(new double[] {0.0625 / 3, 0.0625 / 3, 1.9375 / 3, 0.9375 / 3},
                m.nextDistribution(new int[] {3}, 0, 1), EPS);
    }

    @Test
    void lower_level_uses_continuation_counts_down_to_uniform() {
        NgramModel m = NgramModel.fit(CORPUS, 4, 2, 0.5);
        double[] unigram = {0.25 / 4, 0.25 / 4, 1.75 / 4, 1.75 / 4};
        assertArrayEquals(unigram, m.nextDistribution(new int[0], 0, 0), EPS);
        // Context 1 was never seen: the bigram level has nothing to say.
        assertArrayEquals(unigram, m.nextDistribution(new int[] {1}, 0, 1), EPS);
    }

    @Test
    void trigram_probabilities_chain_three_levels() {
        // Trigrams 2 3 2, 3 2 2, 2 2 3, 2 3 3, 3 3 2 once each, so c(2 3 ·) = 2 over 2 types.
        // Bigram continuation counts: N1+(· 3 2) = 2 (after 2 and 3), N1+(· 3 3) = 1, so
        // c2(3 ·) = 3 over 2 types: P2(2 | 3) = (2 - 0.5 + 0.5 * 2 * P1(2)) / 3 = 1.9375 / 3.
        // P3(2 | 2 3) = (1 - 0.5 + 0.5 * 2 * P2(2 | 3)) / 2.
        NgramModel m = NgramModel.fit(CORPUS, 4, 3, 0.5);
        assertEquals((0.5 + 1.9375 / 3) / 2, m.probability(new int[] {2, 3}, 0, 2, 2), EPS);
        // P3(3 | 2 3) = (0.5 + P2(3 | 3)) / 2 with P2(3 | 3) = (1 - 0.5 + 0.5 * 2 * P1(3)) / 3.
        assertEquals((0.5 + 0.9375 / 3) / 2, m.probability(new int[] {2, 3}, 0, 2, 3), EPS);
        // With one token of context (the start of a text) the middle level speaks alone:
        // N1+(· 2 2) = 1, N1+(· 2 3) = 1, so P2(3 | 2) = (1 - 0.5 + 0.5 * 2 * P1(3)) / 2, unlike
        // the bigram model's raw-count 1.9375 / 3.
        assertEquals((0.5 + 1.75 / 4) / 2, m.probability(new int[] {2}, 0, 1, 3), EPS);
    }

    @Test
    void probability_agrees_with_the_distribution() {
        NgramModel m = NgramModel.fit(CORPUS, 4, 3, 0.5);
        int[] context = {3, 3, 2, 3};
        double[] p = m.nextDistribution(context, 1, 4);
        for (int w = 0; w < 4; w++) {
            assertEquals(p[w], m.probability(context, 1, 4, w), EPS);
        }
    }

    @Test
    void discounts_are_estimated_per_level_from_counts_of_counts() {
        NgramModel m = NgramModel.fit(CORPUS, 4, 2);
        // Bigram counts {2, 2, 1, 1}: n1 = 2, n2 = 2, D = 2 / (2 + 4).
        assertEquals(1 / 3.0, m.discount(2), EPS);
        // Unigram continuation counts {2, 2}: no ones, so the fallback.
        assertEquals(NgramModel.FALLBACK_DISCOUNT, m.discount(1), EPS);
        // Trigram counts are all 1: n1 = 5, n2 = 0, D = 1.
        assertEquals(1.0, NgramModel.fit(CORPUS, 4, 3).discount(3), EPS);
    }

    @Test
    void a_unigram_model_discounts_raw_counts() {
        // c(2) = 4, c(3) = 3, N = 7 over 2 types: P(2) = (4 - 0.5 + 0.5 * 2 / 4) / 7.
        NgramModel m = NgramModel.fit(CORPUS, 4, 1, 0.5);
        assertEquals(3.75 / 7, m.probability(new int[] {3, 3}, 0, 2, 2), EPS);
        assertEquals(0.25 / 7, m.probability(new int[0], 0, 0, 0), EPS);
    }

    @Test
    void a_higher_order_model_fits_repetitive_text_better() {
        int[] text = new int[600];
        for (int i = 0; i < text.length; i++) {
            text[i] = new int[] {2, 3, 4, 5, 3, 6}[i % 6];   // after 3 comes 4 or 6, decided by the token before
        }
        // A bigram model pays about ln 2 on every other 3's successor, (ln 2) / 6 = 0.116 nats per token.
        double bigram = NgramModel.fit(text, 7, 2).evaluate(text).natsPerToken();
        double trigram = NgramModel.fit(text, 7, 3).evaluate(text).natsPerToken();
        assertTrue(trigram < bigram - 0.08, "trigram " + trigram + " vs bigram " + bigram);
    }

    @Test
    void rejects_bad_settings() {
        assertThrows(IllegalArgumentException.class, () -> NgramModel.fit(CORPUS, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> NgramModel.fit(CORPUS, 4, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> NgramModel.fit(CORPUS, 4, 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> NgramModel.fit(CORPUS, 70_000, 5));
    }
}
