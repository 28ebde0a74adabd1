package dev.rill.generate;

import dev.rill.text.CharTokenizer;
import dev.rill.text.Vocabulary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every smoothed sequence model promises, checked on a small English text, per character. */
class NextTokenModelTest {

    private static final String TEXT = """
            The river ran fast and cold under the old stone bridge, and the miller stood on the bank \
            and watched it. The water was high after the rain, and the wheel turned faster than it \
            had turned all summer. His daughter came down the path with bread and cheese, and they \
            sat together on the wall and ate, and said little, for the noise of the water was loud. \
            When the bread was gone she went back up the hill to the house, and the miller went back \
            to the wheel, and the river ran on under the bridge as it had run for a hundred years.
            """;
    private static final Vocabulary VOCABULARY = Vocabulary.build(
            new CharTokenizer().tokenize(TEXT).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
            Integer.MAX_VALUE, 1);
    private static final int[] TOKENS = VOCABULARY.encode(new CharTokenizer().tokenize(TEXT));
    /** One id more than the text uses: a token the models never saw. */
    private static final int V = VOCABULARY.size() + 1;
    private static final int UNSEEN = V - 1;

    static Stream<Arguments> models() {
        Map<String, NextTokenModel> models = new java.util.LinkedHashMap<>();
        models.put("markov k=1", MarkovModel.fit(TOKENS, V, 1.0));
        models.put("markov k=0.01", MarkovModel.fit(TOKENS, V, 0.01));
        for (int n = 1; n <= 6; n++) {
            models.put("kneser-ney n=" + n, NgramModel.fit(TOKENS, V, n));
        }
        models.put("kneser-ney n=4 D=1", NgramModel.fit(TOKENS, V, 4, 1.0));
        return models.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static List<int[]> contexts() {
        List<int[]> out = new java.util.ArrayList<>();
        for (int end = 0; end < 120; end++) {
            for (int length = 0; length <= Math.min(end, 7); length++) {
                out.add(Arrays.copyOfRange(TOKENS, end - length, end));
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            int[] c = new int[random.nextInt(9)];
            for (int j = 0; j < c.length; j++) {
                c[j] = random.nextInt(V);  // mostly unseen contexts, some with the unseen id
            }
            out.add(c);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void every_context_gives_a_positive_distribution_summing_to_one(String name, NextTokenModel model) {
        for (int[] context : contexts()) {
            double[] p = model.nextDistribution(context, 0, context.length);
            assertEquals(V, p.length);
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-9, name + " after " + Arrays.toString(context));
            assertTrue(Arrays.stream(p).allMatch(x -> x > 0), name + " gives 0 after " + Arrays.toString(context));
            assertTrue(p[UNSEEN] > 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void evaluation_is_the_mean_negative_log_of_next_distribution(String name, NextTokenModel model) {
        int[] text = Arrays.copyOfRange(TOKENS, 40, 140);
        double nats = 0;
        for (int t = 1; t < text.length; t++) {
            nats -= Math.log(model.nextDistribution(text, 0, t)[text[t]]);
        }
        CrossEntropy ce = model.evaluate(text);
        assertEquals(99, ce.tokens());
        assertEquals(nats, ce.totalNats(), 1e-9);
        assertEquals(Math.exp(ce.natsPerToken()), ce.perplexity(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void training_text_scores_better_than_the_same_characters_shuffled(String name, NextTokenModel model) {
        int[] shuffled = TOKENS.clone();
        Random random = new Random(17);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = tmp;
        }
        double train = model.evaluate(TOKENS).natsPerToken();
        double mixed = model.evaluate(shuffled).natsPerToken();
        if (name.endsWith("n=1")) {
            // A unigram model cannot see order; it scores both alike (up to the first token).
            assertEquals(train, mixed, 0.02, name);
        } else {
            assertTrue(train < mixed - 0.3, name + ": train " + train + " vs shuffled " + mixed);
        }
        assertTrue(train < Math.log(V), name + " must beat the uniform " + Math.log(V) + ", got " + train);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void seeded_sampling_repeats_and_respects_the_sampler(String name, NextTokenModel model) {
        int[] prompt = VOCABULARY.encode(new CharTokenizer().tokenize("the "));
        Sampler sampler = Sampler.of(1.0).banning(Vocabulary.PAD_ID, Vocabulary.UNK_ID, UNSEEN);
        int[] a = model.sample(prompt, 200, sampler, 99L);
        int[] b = model.sample(prompt, 200, sampler, 99L);
        assertEquals(200, a.length);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, model.sample(prompt, 200, sampler, 100L)));
        assertTrue(Arrays.stream(a).allMatch(t -> t > Vocabulary.UNK_ID && t < UNSEEN), name + ": " + Arrays.toString(a));
    }
}
