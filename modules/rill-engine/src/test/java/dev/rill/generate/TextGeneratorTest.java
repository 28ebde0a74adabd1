package dev.rill.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextGeneratorTest {

    private static final int V = 8;
    /** A text where every context has several continuations, so sampling has choices to make. */
    private static final NgramModel MODEL = NgramModel.fit(new java.util.SplittableRandom(3).ints(2000, 2, V).toArray(), V, 3);

    private static TextGenerator.Settings settings(int length, Sampler sampler, long seed) {
        return new TextGenerator.Settings(length, sampler, seed, Set.of());
    }

    @Test
    void the_same_seed_gives_the_same_tokens_and_another_seed_others() {
        Sampler sampler = Sampler.of(1.0).banning(0, 1);
        int[] a = TextGenerator.generate(MODEL.stepper(), new int[] {2, 3}, settings(50, sampler, 7), id -> { });
        int[] b = TextGenerator.generate(MODEL.stepper(), new int[] {2, 3}, settings(50, sampler, 7), id -> { });
        int[] c = TextGenerator.generate(MODEL.stepper(), new int[] {2, 3}, settings(50, sampler, 8), id -> { });
        assertEquals(50, a.length);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void tokens_are_handed_over_as_they_are_drawn_and_banned_ids_never_are() {
        List<Integer> streamed = new ArrayList<>();
        int[] out = TextGenerator.generate(MODEL.stepper(), new int[] {2}, settings(200, Sampler.of(2.0).banning(0, 1, 5), 1), streamed::add);
        assertEquals(Arrays.stream(out).boxed().toList(), streamed);
        assertTrue(Arrays.stream(out).noneMatch(id -> id == 0 || id == 1 || id == 5));
    }

    @Test
    void generation_matches_drawing_from_the_model_given_the_whole_text() {
        // NextTokenModel.sample rereads the whole text every step; the stepper reads each token once.
        int[] prompt = {4, 2, 6};
        Sampler sampler = Sampler.of(0.8).withTopK(4);
        int[] stepped = TextGenerator.generate(MODEL.stepper(), prompt, settings(30, sampler, 99), id -> { });
        assertArrayEquals(MODEL.sample(prompt, 30, sampler, 99), stepped);
    }

    @Test
    void the_prompt_is_read_once_and_then_one_token_per_step() {
        List<Integer> reads = new ArrayList<>();
        TokenStepper counting = new TokenStepper() {
            private final TokenStepper inner = MODEL.stepper();

            @Override
            public int vocabularySize() {
                return V;
            }

            @Override
            public double[] read(int... tokens) {
                reads.add(tokens.length);
                return inner.read(tokens);
            }
        };
        TextGenerator.generate(counting, new int[] {2, 3, 4, 5}, settings(6, Sampler.of(1.0), 5), id -> { });
        assertEquals(List.of(4, 1, 1, 1, 1, 1), reads);
    }

    @Test
    void generation_ends_after_a_stop_token() {
        int[] out = TextGenerator.generate(MODEL.stepper(), new int[] {2},
                new TextGenerator.Settings(1000, Sampler.of(1.0), 3, Set.of(7)), id -> { });
        assertTrue(out.length < 1000, "a stop token among 6 choices turns up long before 1000 tokens");
        assertEquals(7, out[out.length - 1]);
        assertTrue(Arrays.stream(out, 0, out.length - 1).noneMatch(id -> id == 7));
    }

    @Test
    void greedy_decoding_always_takes_the_most_probable_token() {
        int[] out = TextGenerator.generate(MODEL.stepper(), new int[] {2}, settings(10, Sampler.greedy(), 1), id -> { });
        TokenStepper check = MODEL.stepper();
        double[] p = check.read(2);
        for (int id : out) {
            int best = 0;
            for (int v = 1; v < V; v++) {
                best = p[v] > p[best] ? v : best;
            }
            assertEquals(best, id);
            p = check.read(id);
        }
        assertArrayEquals(out, TextGenerator.generate(MODEL.stepper(), new int[] {2}, settings(10, Sampler.greedy(), 2), id -> { }));
    }

    @Test
    void an_empty_prompt_is_refused_and_length_zero_generates_nothing() {
        assertThrows(IllegalArgumentException.class,
                () -> TextGenerator.generate(MODEL.stepper(), new int[0], settings(5, Sampler.of(1), 1), id -> { }));
        assertEquals(0, TextGenerator.generate(MODEL.stepper(), new int[] {2}, settings(0, Sampler.of(1), 1), id -> { }).length);
    }
}
