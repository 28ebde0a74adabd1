package dev.rill.generate;

import java.util.Arrays;

/**
 * Order-n n-gram model (a fixed-window autoregressive model: the next token depends on the last
 * {@code n - 1}) with interpolated Kneser-Ney smoothing (Chen &amp; Goodman 1998, one discount per
 * level). For a context {@code h} of {@code m - 1} tokens and {@code h'} = {@code h} without its
 * first token:
 * <pre>
 *   P_m(w | h) = ( max(c_m(h w) - D_m, 0) + D_m N1+(h ·) P_{m-1}(w | h') ) / c_m(h ·)
 *   P_0(w)     = 1 / V
 * </pre>
 * where {@code c_m(h ·) = sum_w c_m(h w)}, {@code N1+(h ·)} is the number of distinct {@code w}
 * with {@code c_m(h w) > 0}, and {@code P_m(w | h) = P_{m-1}(w | h')} when {@code h} was never
 * seen. At the top level {@code c_n} is the raw count; below it {@code c_m(g)} is the
 * continuation count {@code N1+(· g)}, the number of distinct tokens seen before {@code g}: a
 * lower level only matters when the longer context is rare, so it should favour tokens that follow
 * many contexts, not tokens that are frequent after one.
 *
 * <p>For {@code 0 < D_m <= 1} and integer counts the numerator sums to {@code c_m(h ·)}, so every
 * level is a distribution, and the uniform floor gives every id a positive probability. Near the
 * start of a text, with fewer than {@code n - 1} tokens of context, the model uses the level the
 * context reaches.
 *
 * <p>Discounts are estimated per level from the counts of counts, {@code D = n1 / (n1 + 2 n2)}
 * (Ney, Essen &amp; Kneser 1994), 0.5 when no count is 1; or fixed for tests and tuning.
 */
public final class NgramModel implements NextTokenModel {

    /** Used for a level where no sequence occurs exactly once (tiny training sets). */
    static final double FALLBACK_DISCOUNT = 0.5;

    private final NgramKeys keys;
    private final LongIntMap[] counts;        // [m]: counts of m-grams, raw at m = n, continuation below
    private final ContextTotals[] contexts;   // [m]: totals of counts[m] by their (m-1)-token context
    private final double[] discounts;         // [m]: D_m

    private NgramModel(NgramKeys keys, LongIntMap[] counts, double[] discounts) {
        this.keys = keys;
        this.counts = counts;
        this.discounts = discounts;
        this.contexts = new ContextTotals[counts.length];
        for (int m = 1; m < counts.length; m++) {
            contexts[m] = new ContextTotals(counts[m], keys);
        }
    }

    /**
     * Fits an order-{@code n} model with discounts estimated from the training counts.
     *
     * @param vocabularySize V: ids are in {@code [0, V)}, and unseen ones get probability too
     * @param order          n, the tokens in the longest n-gram ({@code >= 1}; 2 is a bigram model)
     */
    public static NgramModel fit(int[] stream, int vocabularySize, int order) {
        NgramCounts raw = NgramCounts.of(stream, vocabularySize, order);
        LongIntMap[] counts = kneserNeyCounts(raw);
        double[] discounts = new double[order + 1];
        for (int m = 1; m <= order; m++) {
            discounts[m] = estimatedDiscount(counts[m]);
        }
        return new NgramModel(raw.keys(), counts, discounts);
    }

    /** Fits an order-{@code n} model with the same discount {@code D} in {@code (0, 1]} at every level. */
    public static NgramModel fit(int[] stream, int vocabularySize, int order, double discount) {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("the Kneser-Ney discount must be in (0, 1], got " + discount);
        }
        NgramCounts raw = NgramCounts.of(stream, vocabularySize, order);
        double[] discounts = new double[order + 1];
        Arrays.fill(discounts, 1, order + 1, discount);
        return new NgramModel(raw.keys(), kneserNeyCounts(raw), discounts);
    }

    /** Raw counts at the top level, continuation counts {@code N1+(· g)} below it. */
    private static LongIntMap[] kneserNeyCounts(NgramCounts raw) {
        int order = raw.order();
        LongIntMap[] counts = new LongIntMap[order + 1];
        counts[order] = raw.of(order);
        for (int m = order - 1; m >= 1; m--) {
            LongIntMap continuation = new LongIntMap();
            int length = m + 1;
            // Each distinct (m+1)-gram u g adds one distinct left neighbour u to g.
            raw.of(length).forEach((key, count) -> continuation.add(raw.keys().withoutFirst(key, length), 1));
            counts[m] = continuation;
        }
        return counts;
    }

    /** {@code n1 / (n1 + 2 n2)} over one level's counts. */
    static double estimatedDiscount(LongIntMap levelCounts) {
        long[] n = new long[3];
        levelCounts.forEach((key, count) -> {
            if (count <= 2) {
                n[count]++;
            }
        });
        return n[1] == 0 ? FALLBACK_DISCOUNT : (double) n[1] / (n[1] + 2 * n[2]);
    }

    /** n: the longest n-gram. */
    public int order() {
        return counts.length - 1;
    }

    /** {@code D_m}, the discount applied to counts of {@code m}-grams, {@code 1 <= m <= n}. */
    public double discount(int m) {
        return discounts[m];
    }

    @Override
    public int vocabularySize() {
        return keys.vocabularySize();
    }

    @Override
    public double probability(int[] tokens, int from, int to, int next) {
        keys.checkContext(tokens, from, to, order() - 1);
        keys.checkId(next);
        double p = 1.0 / vocabularySize();
        long context = 0;
        int levels = Math.min(order(), to - from + 1);
        for (int m = 1; m <= levels; m++) {
            if (m > 1) {
                context = keys.prepend(tokens[to - m + 1], context, m - 2);
            }
            int total = contexts[m].total(context);
            if (total > 0) {
                double d = discounts[m];
                int c = counts[m].get(keys.append(context, next));
                p = (Math.max(c - d, 0) + d * contexts[m].types(context) * p) / total;
            }
        }
        return p;
    }

    @Override
    public double[] nextDistribution(int[] tokens, int from, int to) {
        keys.checkContext(tokens, from, to, order() - 1);
        double[] p = new double[vocabularySize()];
        Arrays.fill(p, 1.0 / p.length);
        long context = 0;
        int levels = Math.min(order(), to - from + 1);
        for (int m = 1; m <= levels; m++) {
            if (m > 1) {
                context = keys.prepend(tokens[to - m + 1], context, m - 2);
            }
            int total = contexts[m].total(context);
            if (total > 0) {
                double d = discounts[m];
                double backoff = d * contexts[m].types(context);
                for (int w = 0; w < p.length; w++) {
                    int c = counts[m].get(keys.append(context, w));
                    p[w] = (Math.max(c - d, 0) + backoff * p[w]) / total;
                }
            }
        }
        return p;
    }
}
