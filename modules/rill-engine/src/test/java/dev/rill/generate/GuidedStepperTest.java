package dev.rill.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guidance against distributions computed by hand: two conditions whose readers give fixed next-token distributions
 * (over 4 tokens; 0 and 1 are the condition tokens), so the posterior, the mixture and the guided distribution can be
 * written out.
 */
class GuidedStepperTest {

    /** Reader of condition c: the same distribution after every token, and a record of what it read. */
    private static final class Fixed implements TokenStepper {
        final double[] p;
        final List<Integer> read = new ArrayList<>();

        Fixed(double... p) {
            this.p = p;
        }

        @Override
        public int vocabularySize() {
            return p.length;
        }

        @Override
        public double[] read(int... tokens) {
            for (int t : tokens) {
                read.add(t);
            }
            return p.clone();
        }
    }

    private static final double[] NEG = {0, 0, 0.2, 0.8};
    private static final double[] POS = {0, 0, 0.6, 0.4};

    @Test
    void without_guidance_it_is_the_target_reader_s_distribution() {
        Fixed neg = new Fixed(NEG);
        Fixed pos = new Fixed(POS);
        GuidedStepper s = new GuidedStepper(List.of(neg, pos), new int[] {0, 1}, 1, 0.0);
        assertArrayEquals(POS, s.read(1), 0.0);
        assertArrayEquals(POS, s.read(3), 0.0);
    }

    @Test
    void each_reader_reads_its_own_condition_token_then_the_same_text() {
        Fixed neg = new Fixed(NEG);
        Fixed pos = new Fixed(POS);
        GuidedStepper s = new GuidedStepper(List.of(neg, pos), new int[] {0, 1}, 1, 1.0);
        s.read(1, 2, 3);
        s.read(2);
        assertEquals(List.of(0, 2, 3, 2), neg.read);
        assertEquals(List.of(1, 2, 3, 2), pos.read);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GuidedStepper(List.of(new Fixed(NEG), new Fixed(POS)), new int[] {0, 1}, 1, 1.0).read(0, 2));
        assertTrue(e.getMessage().contains("reads its condition token 1 first"), e.getMessage());
    }

    @Test
    void at_the_start_the_posterior_is_uniform_and_guidance_sharpens_against_the_even_mixture() {
        GuidedStepper s = new GuidedStepper(List.of(new Fixed(NEG), new Fixed(POS)), new int[] {0, 1}, 1, 2.0);
        double[] q = s.read(1);
        // mixture (0.4, 0.6) for tokens 2, 3; log q = 3 log p - 2 log m
        double a = Math.pow(0.6, 3) / Math.pow(0.4, 2);
        double b = Math.pow(0.4, 3) / Math.pow(0.6, 2);
        assertArrayEquals(new double[] {0, 0, a / (a + b), b / (a + b)}, q, 1e-12);
        assertEquals(0.5, s.posterior()[1], 1e-15);
    }

    @Test
    void the_mixture_weights_follow_the_posterior_of_the_text_read_so_far() {
        GuidedStepper s = new GuidedStepper(List.of(new Fixed(NEG), new Fixed(POS)), new int[] {0, 1}, 1, 1.0);
        s.read(1);
        double[] q = s.read(3, 2);   // P(3 2 | neg) = 0.8 * 0.2 = 0.16, P(3 2 | pos) = 0.4 * 0.6 = 0.24
        double wPos = 0.24 / (0.24 + 0.16);
        assertEquals(wPos, s.posterior()[1], 1e-12);
        double m2 = (1 - wPos) * 0.2 + wPos * 0.6;
        double m3 = (1 - wPos) * 0.8 + wPos * 0.4;
        double a = 0.6 * 0.6 / m2;
        double b = 0.4 * 0.4 / m3;
        assertArrayEquals(new double[] {0, 0, a / (a + b), b / (a + b)}, q, 1e-12);
    }

    @Test
    void a_token_only_the_target_rules_out_stays_out_and_the_boost_is_bounded() {
        // Token 2 impossible under the target, likely under the other condition: guidance must not revive it.
        GuidedStepper s = new GuidedStepper(List.of(new Fixed(0, 0, 0.9, 0.1), new Fixed(0, 0, 0, 1)), new int[] {0, 1}, 1, 5.0);
        double[] q = s.read(1);
        assertEquals(0.0, q[2], 1e-30);
        assertEquals(1.0, q[3], 1e-12);
    }

    @Test
    void bad_arguments_are_refused() {
        List<TokenStepper> two = List.of(new Fixed(NEG), new Fixed(POS));
        assertThrows(IllegalArgumentException.class, () -> new GuidedStepper(two, new int[] {0, 1}, 1, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new GuidedStepper(two, new int[] {0, 1}, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GuidedStepper(two, new int[] {0, 1}, 2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new GuidedStepper(List.of(new Fixed(NEG)), new int[] {0}, 0, 1.0));
    }
}
