package dev.rill.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A model of a token sequence as a chain of next-token distributions,
 * {@code P(x_1 .. x_n | x_0) = prod_t P(x_t | x_0 .. x_{t-1})}: what a language model is, whether it
 * is an n-gram table or a recurrent network. Scores and generation are defined once here on top
 * of {@link #nextDistribution}; implementations override them where they can do better (an n-gram
 * model reads one probability without building the whole distribution; a recurrent model keeps
 * its state instead of rereading the context).
 *
 * <p>Token ids are in {@code [0, vocabularySize())}. A model may look at only the last few tokens
 * of the context it is given.
 */
public interface NextTokenModel {

    int vocabularySize();

    /**
     * {@code P(next = w | tokens[from, to))} for every id {@code w}; sums to 1, and every entry is
     * positive for the smoothed models here. An empty range ({@code from == to}) asks for the
     * distribution of a first token.
     */
    double[] nextDistribution(int[] tokens, int from, int to);

    /** {@code P(next | tokens[from, to))}. */
    default double probability(int[] tokens, int from, int to, int next) {
        return nextDistribution(tokens, from, to)[next];
    }

    /** {@code ln P(tokens[position] | tokens[0, position))}. */
    default double logProb(int[] tokens, int position) {
        return Math.log(probability(tokens, 0, position, tokens[position]));
    }

    /**
     * The cross-entropy of this model on {@code tokens}: every token but the first is predicted
     * from all that precede it, so {@code tokens.length - 1} tokens are scored (as when a
     * recurrent model reads {@code x_t} and predicts {@code x_{t+1}}).
     */
    default CrossEntropy evaluate(int[] tokens) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("evaluation needs at least 2 tokens (the first is context only), got " + tokens.length);
        }
        double nats = 0;
        for (int t = 1; t < tokens.length; t++) {
            nats -= logProb(tokens, t);
        }
        return new CrossEntropy(nats, tokens.length - 1);
    }

    /**
     * Generates {@code length} tokens after {@code prompt} (which may be empty), each drawn by
     * {@code sampler} from the distribution given the prompt and the tokens generated so far.
     *
     * @return the generated tokens only
     */
    default int[] sample(int[] prompt, int length, Sampler sampler, RandomGenerator random) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        int[] text = Arrays.copyOf(prompt, prompt.length + length);
        for (int t = prompt.length; t < text.length; t++) {
            text[t] = sampler.next(nextDistribution(text, 0, t), random);
        }
        return Arrays.copyOfRange(text, prompt.length, text.length);
    }

    /** A stepper over this model, for {@link TextGenerator}: it remembers the tokens read and reads nothing twice. */
    default TokenStepper stepper() {
        return new ContextStepper(this);
    }

    /** {@link #sample(int[], int, Sampler, RandomGenerator)} with a {@link SplittableRandom} seeded by {@code seed}. */
    default int[] sample(int[] prompt, int length, Sampler sampler, long seed) {
        return sample(prompt, length, sampler, new SplittableRandom(seed));
    }
}
