package dev.rill.generate;

/**
 * First-order Markov chain over token ids with add-k (Lidstone; Laplace for {@code k = 1})
 * smoothing:
 * <pre>
 *   P(w | v) = (c(v w) + k) / (c(v ·) + k V)
 * </pre>
 * where {@code c(v w)} counts the bigram in training and {@code c(v ·)} the bigrams starting with
 * {@code v}. With no context (the first token) it is the add-k unigram
 * {@code (c(w) + k) / (N + k V)}. Every token has probability at least {@code k / (c(v ·) + k V) > 0}.
 */
public final class MarkovModel implements NextTokenModel {

    private final NgramCounts counts;
    private final ContextTotals contexts;
    private final double k;

    private MarkovModel(NgramCounts counts, double k) {
        this.counts = counts;
        this.contexts = new ContextTotals(counts.of(2), counts.keys());
        this.k = k;
    }

    /**
     * Counts the bigrams of {@code stream}.
     *
     * @param vocabularySize V: ids are in {@code [0, V)}, and unseen ones get probability too
     * @param k              pseudo-count added to every bigram ({@code > 0})
     */
    public static MarkovModel fit(int[] stream, int vocabularySize, double k) {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("add-k smoothing needs a finite k > 0, got " + k);
        }
        return new MarkovModel(NgramCounts.of(stream, vocabularySize, 2), k);
    }

    public double k() {
        return k;
    }

    @Override
    public int vocabularySize() {
        return counts.keys().vocabularySize();
    }

    @Override
    public double[] nextDistribution(int[] tokens, int from, int to) {
        double[] p = new double[vocabularySize()];
        for (int w = 0; w < p.length; w++) {
            p[w] = probability(tokens, from, to, w);
        }
        return p;
    }

    @Override
    public double probability(int[] tokens, int from, int to, int next) {
        NgramKeys keys = counts.keys();
        keys.checkContext(tokens, from, to, 1);
        keys.checkId(next);
        double smoothing = k * vocabularySize();
        if (from == to) {
            return (counts.of(1).get(keys.append(0, next)) + k) / (counts.tokens() + smoothing);
        }
        long context = keys.append(0, tokens[to - 1]);
        return (counts.of(2).get(keys.append(context, next)) + k) / (contexts.total(context) + smoothing);
    }
}
