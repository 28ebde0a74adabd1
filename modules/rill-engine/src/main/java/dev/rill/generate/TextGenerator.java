package dev.rill.generate;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * The sampling loop: read the prompt once, then draw one token at a time from the model's
 * distribution and read only that token back in. Each token is handed to the caller as soon as it
 * is drawn, so a command line or a server can stream it.
 *
 * <p>Draws come from a {@link SplittableRandom} seeded with {@link Settings#seed()}, one
 * {@code nextDouble()} per token (none when greedy), so the same model, prompt and settings always
 * give the same tokens.
 *
 * <p>The generator holds no state; the {@link TokenStepper} holds the text's. One stepper per
 * concurrent generation.
 */
public final class TextGenerator {

    private TextGenerator() {
    }

    /**
     * How to generate.
     *
     * @param length  most tokens to generate ({@code >= 0})
     * @param sampler how each token is chosen (temperature, top-k, top-p, banned ids)
     * @param seed    seeds the draws
     * @param stopIds generation ends after one of these is generated (it is part of the output)
     */
    public record Settings(int length, Sampler sampler, long seed, Set<Integer> stopIds) {

        public Settings {
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0, got " + length);
            }
            Objects.requireNonNull(sampler, "sampler");
            stopIds = Set.copyOf(stopIds);
        }
    }

    /**
     * Generates after {@code prompt}.
     *
     * @param model   a fresh stepper (nothing read yet) or one positioned where generation continues
     * @param prompt  the tokens to read first; at least one, since a model predicts from what it has read
     *                (callers choose a start token for an empty prompt)
     * @param onToken receives each generated id as soon as it is drawn
     * @return the generated ids, without the prompt
     */
    public static int[] generate(TokenStepper model, int[] prompt, Settings settings, IntConsumer onToken) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt needs at least one token: a model predicts from what it has read");
        }
        RandomGenerator random = new SplittableRandom(settings.seed());
        int[] out = new int[settings.length()];
        int n = 0;
        if (settings.length() == 0) {
            return out;
        }
        double[] next = model.read(prompt);
        while (true) {
            int id = settings.sampler().next(next, random);
            out[n++] = id;
            onToken.accept(id);
            if (n == out.length || settings.stopIds().contains(id)) {
                return Arrays.copyOf(out, n);
            }
            next = model.read(id);
        }
    }
}
