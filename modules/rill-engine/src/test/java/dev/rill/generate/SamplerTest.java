package dev.rill.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {

    private static final double EPS = 1e-12;
    private static final double[] P = {0.1, 0.4, 0.2, 0.3};

    @Test
    void temperature_one_without_filters_keeps_the_distribution() {
        assertArrayEquals(P, Sampler.of(1).filtered(P), EPS);
    }

    @Test
    void weights_are_renormalized() {
        assertArrayEquals(P, Sampler.of(1).filtered(new double[] {1, 4, 2, 3}), EPS);
    }

    @Test
    void top_k_keeps_the_k_most_probable() {
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, Sampler.of(1).withTopK(2).filtered(P), EPS);
        assertArrayEquals(new double[] {0, 1, 0, 0}, Sampler.of(1).withTopK(1).filtered(P), EPS);
        assertArrayEquals(P, Sampler.of(1).withTopK(4).filtered(P), EPS);
        assertArrayEquals(P, Sampler.of(1).withTopK(10).filtered(P), EPS);
    }

    @Test
    void top_k_breaks_ties_by_lower_id() {
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0},
                Sampler.of(1).withTopK(2).filtered(new double[] {0.3, 0.3, 0.3, 0.1}), EPS);
    }

    @Test
    void top_p_keeps_the_smallest_most_probable_set_reaching_p() {
        Sampler s = Sampler.of(1);
        // Sorted: id 1 (0.4), id 3 (0.3), id 2 (0.2), id 0 (0.1); cumulative 0.4, 0.7, 0.9, 1.0.
        assertArrayEquals(new double[] {0, 1, 0, 0}, s.withTopP(0.4).filtered(P), EPS);
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, s.withTopP(0.6).filtered(P), EPS);
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, s.withTopP(0.7).filtered(P), EPS);
        assertArrayEquals(new double[] {0, 4 / 9.0, 2 / 9.0, 3 / 9.0}, s.withTopP(0.71).filtered(P), EPS);
        assertArrayEquals(P, s.withTopP(1).filtered(P), EPS);
    }

    @Test
    void top_p_below_the_largest_probability_keeps_one_id() {
        assertArrayEquals(new double[] {0, 1, 0, 0}, Sampler.of(1).withTopP(0.01).filtered(P), EPS);
    }

    @Test
    void top_p_measures_mass_after_top_k() {
        // After top-k 2: {1: 4/7 = 0.571, 3: 3/7}. p = 0.55 is reached by id 1 alone; measured on
        // the original distribution it would need ids 1 and 3 (0.4 < 0.55).
        assertArrayEquals(new double[] {0, 1, 0, 0}, Sampler.of(1).withTopK(2).withTopP(0.55).filtered(P), EPS);
        // After top-k 3: {1: 4/9, 3: 3/9, 2: 2/9}; p = 0.6 needs 4/9 + 3/9.
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, Sampler.of(1).withTopK(3).withTopP(0.6).filtered(P), EPS);
    }

    @Test
    void temperature_raises_probabilities_to_one_over_t() {
        // T = 0.5: p^2 = {0.01, 0.16, 0.04, 0.09}, sum 0.30.
        assertArrayEquals(new double[] {1 / 30.0, 16 / 30.0, 4 / 30.0, 9 / 30.0}, Sampler.of(0.5).filtered(P), EPS);
        // T = 2: square roots.
        double sum = Math.sqrt(0.1) + Math.sqrt(0.4) + Math.sqrt(0.2) + Math.sqrt(0.3);
        assertArrayEquals(new double[] {Math.sqrt(0.1) / sum, Math.sqrt(0.4) / sum, Math.sqrt(0.2) / sum, Math.sqrt(0.3) / sum},
                Sampler.of(2).filtered(P), EPS);
    }

    @Test
    void temperature_applies_before_filtering() {
        // T = 0.5 then top-k 2: {16/30, 9/30} renormalized.
        assertArrayEquals(new double[] {0, 16 / 25.0, 0, 9 / 25.0}, Sampler.of(0.5).withTopK(2).filtered(P), EPS);
        // p = 0.5: at T = 1 id 1 (0.4) is not enough; at T = 0.5 it has 16/30 = 0.53 and is.
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, Sampler.of(1).withTopP(0.5).filtered(P), EPS);
        assertArrayEquals(new double[] {0, 1, 0, 0}, Sampler.of(0.5).withTopP(0.5).filtered(P), EPS);
    }

    @Test
    void very_low_temperature_concentrates_without_overflow() {
        double[] q = Sampler.of(1e-4).filtered(new double[] {1e-300, 0.5, 0.49, 0.01});
        assertArrayEquals(new double[] {0, 1, 0, 0}, q, 1e-9);
    }

    @Test
    void banned_ids_are_never_kept() {
        Sampler s = Sampler.of(1).banning(1);
        assertArrayEquals(new double[] {1 / 6.0, 0, 2 / 6.0, 3 / 6.0}, s.filtered(P), EPS);
        assertEquals(3, Sampler.greedy().banning(1).next(P, new SplittableRandom(1)));
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 2000; i++) {
            assertTrue(s.next(P, random) != 1);
        }
    }

    @Test
    void greedy_picks_the_argmax_and_the_lower_id_on_ties() {
        assertEquals(1, Sampler.greedy().next(P, new SplittableRandom(1)));
        assertEquals(2, Sampler.greedy().next(new double[] {0.1, 0.2, 0.35, 0.35}, new SplittableRandom(1)));
        assertArrayEquals(new double[] {0, 1, 0, 0}, Sampler.greedy().filtered(P), EPS);
        assertTrue(Sampler.greedy().isGreedy());
        assertFalse(Sampler.of(0.1).isGreedy());
    }

    @Test
    void logits_give_the_softmax_distribution() {
        double[] logits = {0, Math.log(2), Math.log(4)};
        assertArrayEquals(new double[] {1 / 7.0, 2 / 7.0, 4 / 7.0}, Sampler.of(1).filteredLogits(logits), EPS);
        // T = 0.5 doubles the logits: weights 1, 4, 16.
        assertArrayEquals(new double[] {1 / 21.0, 4 / 21.0, 16 / 21.0}, Sampler.of(0.5).filteredLogits(logits), EPS);
        // Shifting logits changes nothing, and -Infinity means probability 0.
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0},
                Sampler.of(1).filteredLogits(new double[] {Double.NEGATIVE_INFINITY, 1000, 1000 + Math.log(2)}), EPS);
    }

    @Test
    void the_same_seed_gives_the_same_tokens() {
        Sampler s = Sampler.of(0.9).withTopK(3);
        int[] a = draws(s, new SplittableRandom(123), 300);
        int[] b = draws(s, new SplittableRandom(123), 300);
        int[] c = draws(s, new SplittableRandom(124), 300);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void draws_follow_the_filtered_distribution() {
        double[] p = {0.05, 0.3, 0.1, 0.25, 0.2, 0.1};
        Sampler s = Sampler.of(0.8).withTopK(4);
        double[] expected = s.filtered(p);
        int n = 200_000;
        int[] counts = new int[p.length];
        SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < n; i++) {
            counts[s.next(p, random)]++;
        }
        double chiSquare = 0;
        int kept = 0;
        for (int i = 0; i < p.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "id " + i + " was filtered out");
            } else {
                kept++;
                double e = expected[i] * n;
                chiSquare += (counts[i] - e) * (counts[i] - e) / e;
            }
        }
        assertEquals(4, kept);
        // 3 degrees of freedom: P(chi^2 > 16.27) = 0.001.
        assertTrue(chiSquare < 16.27, "chi-square " + chiSquare);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejects_bad_temperatures(double t) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.of(t));
        assertTrue(e.getMessage().startsWith("temperature must be"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.5, 1.01, Double.NaN})
    void rejects_top_p_outside_zero_one(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.of(1).withTopP(p));
        assertEquals("top-p must be in (0, 1] (1 = off), got " + p, e.getMessage());
    }

    @Test
    void rejects_negative_top_k_and_banned_ids() {
        assertEquals("top-k must be >= 0 (0 = off), got -1",
                assertThrows(IllegalArgumentException.class, () -> Sampler.of(1).withTopK(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampler.of(1).banning(-2));
    }

    @Test
    void rejects_distributions_it_cannot_sample() {
        Sampler s = Sampler.of(1);
        assertThrows(IllegalArgumentException.class, () -> s.filtered(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> s.filtered(new double[] {0.5, -0.1}));
        assertThrows(IllegalArgumentException.class, () -> s.filtered(new double[] {0.5, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> s.filtered(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> s.filteredLogits(new double[] {1, Double.NaN}));
        IllegalArgumentException allBanned = assertThrows(IllegalArgumentException.class,
                () -> s.banning(0, 1).filtered(new double[] {0.5, 0.5}));
        assertTrue(allBanned.getMessage().startsWith("no probability mass outside the banned ids"), allBanned.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> s.banning(5).filtered(new double[] {0.5, 0.5}));
        assertEquals("banned id 5 is outside a distribution over 2 ids", outside.getMessage());
    }

    @Test
    void filtering_leaves_the_input_untouched() {
        double[] p = P.clone();
        Sampler.of(0.5).withTopK(2).withTopP(0.5).banning(3).filtered(p);
        assertArrayEquals(P, p, 0);
    }

    @Test
    void banning_adds_to_the_banned_set() {
        assertEquals(Set.of(0, 1, 4), Sampler.of(1).banning(0, 1).banning(4).banned());
    }

    private static int[] draws(Sampler s, SplittableRandom random, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.next(P, random);
        }
        return out;
    }
}
