package dev.rill.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Chooses the next token from a model's distribution over the vocabulary.
 *
 * <p>The distribution is reshaped in this order, then renormalized and drawn from:
 * <ol>
 *   <li>banned ids (e.g. {@code <pad>}, {@code <unk>}) get probability 0;</li>
 *   <li>temperature {@code T}: {@code q_i = p_i^(1/T) / sum_j p_j^(1/T)}, i.e. the log-probabilities
 *       (or logits) divided by {@code T} before the softmax. {@code T < 1} sharpens, {@code T > 1}
 *       flattens, {@code T = 0} is greedy: all mass on the most probable id;</li>
 *   <li>top-k ({@code k > 0}): keeps the {@code k} most probable ids;</li>
 *   <li>top-p ({@code p < 1}): keeps the smallest set of most probable ids whose mass, measured after
 *       top-k and renormalized, is at least {@code p} (at least one id).</li>
 * </ol>
 * Ties are broken by the lower id, so top-k keeps exactly {@code k} ids and greedy picks the lowest
 * of equally probable ids. This is the order Hugging Face's generation warpers use.
 *
 * <p>{@link #filtered} is a pure function, so the effect of each setting can be checked by hand;
 * {@link #next} draws from it with the caller's random generator (same seed, same tokens).
 *
 * @param temperature {@code >= 0}; 0 is greedy
 * @param topK        {@code >= 0}; 0 keeps every id
 * @param topP        in {@code (0, 1]}; 1 keeps every id
 * @param banned      ids that are never chosen
 */
public record Sampler(double temperature, int topK, double topP, Set<Integer> banned) {

    /** Slack for "mass >= p": 0.4 + 0.3 is not exactly 0.7 in floating point. */
    private static final double MASS_TOLERANCE = 1e-12;

    public Sampler {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 = off), got " + topP);
        }
        banned = Set.copyOf(banned);
        for (int id : banned) {
            if (id < 0) {
                throw new IllegalArgumentException("banned ids must be >= 0, got " + id);
            }
        }
    }

    /** Plain sampling at this temperature, no filtering, nothing banned. */
    public static Sampler of(double temperature) {
        return new Sampler(temperature, 0, 1.0, Set.of());
    }

    /** Always the most probable id. */
    public static Sampler greedy() {
        return of(0);
    }

    public Sampler withTopK(int k) {
        return new Sampler(temperature, k, topP, banned);
    }

    public Sampler withTopP(double p) {
        return new Sampler(temperature, topK, p, banned);
    }

    /** This sampler with {@code ids} banned as well. */
    public Sampler banning(int... ids) {
        Set<Integer> all = new java.util.HashSet<>(banned);
        Arrays.stream(ids).forEach(all::add);
        return new Sampler(temperature, topK, topP, all);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    /**
     * The distribution {@link #next} draws from.
     *
     * @param probs non-negative weights, one per id; they need not sum to 1
     * @return a new array summing to 1, zero outside the kept ids
     */
    public double[] filtered(double[] probs) {
        double[] w = allowed(probs);
        if (isGreedy()) {
            double[] oneHot = new double[w.length];
            oneHot[argmax(w)] = 1;
            return oneHot;
        }
        if (temperature != 1) {
            applyTemperature(w);
        }
        normalize(w);
        Integer[] order = byProbability(w);
        if (topK > 0 && topK < w.length) {
            for (int rank = topK; rank < order.length; rank++) {
                w[order[rank]] = 0;
            }
            normalize(w);
        }
        if (topP < 1) {
            double mass = 0;
            int rank = 0;
            while (rank < order.length && mass < topP - MASS_TOLERANCE) {
                mass += w[order[rank++]];
            }
            for (; rank < order.length; rank++) {
                w[order[rank]] = 0;
            }
            normalize(w);
        }
        return w;
    }

    /** {@link #filtered} of {@code softmax(logits)}; {@code -Infinity} logits have probability 0. */
    public double[] filteredLogits(double[] logits) {
        return filtered(softmax(logits));
    }

    /** Draws an id from {@link #filtered}{@code (probs)}; greedy does not use {@code random}. */
    public int next(double[] probs, RandomGenerator random) {
        double[] q = filtered(probs);
        if (isGreedy()) {
            return argmax(q);
        }
        double u = random.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                cumulative += q[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last; // u fell in the rounding gap below 1
    }

    /** {@link #next} of {@code softmax(logits)}. */
    public int nextFromLogits(double[] logits, RandomGenerator random) {
        return next(softmax(logits), random);
    }

    /** A copy of {@code probs} with banned ids at 0, after checking the values. */
    private double[] allowed(double[] probs) {
        if (probs.length == 0) {
            throw new IllegalArgumentException("cannot sample from an empty distribution");
        }
        double[] w = probs.clone();
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("probabilities must be finite and >= 0, got " + w[i] + " at id " + i);
            }
        }
        for (int id : banned) {
            if (id >= w.length) {
                throw new IllegalArgumentException("banned id " + id + " is outside a distribution over " + w.length + " ids");
            }
            w[id] = 0;
        }
        if (Arrays.stream(w).sum() <= 0) {
            throw new IllegalArgumentException("no probability mass outside the banned ids " + banned);
        }
        return w;
    }

    /** {@code w_i <- (w_i / w_max)^(1/T)}, computed on logs so that small T does not overflow. */
    private void applyTemperature(double[] w) {
        double logMax = Math.log(w[argmax(w)]);
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] == 0 ? 0 : Math.exp((Math.log(w[i]) - logMax) / temperature);
        }
    }

    /** Ids by decreasing weight, ties by increasing id. */
    private static Integer[] byProbability(double[] w) {
        Integer[] order = IntStream.range(0, w.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -w[i]).thenComparingInt(i -> i));
        return order;
    }

    /** The most probable id, the lowest one on ties. */
    private static int argmax(double[] w) {
        int best = 0;
        for (int i = 1; i < w.length; i++) {
            if (w[i] > w[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Scales {@code w} in place to sum to 1. */
    static void normalize(double[] w) {
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
    }

    /**
     * {@code exp(logit - max)} for each logit: weights proportional to the softmax ({@link #normalize} them for
     * probabilities), without overflow.
     */
    static double[] softmax(double[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("cannot sample from an empty distribution");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logits must be finite or -Infinity, got " + l);
            }
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every logit is -Infinity");
        }
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
        }
        return p;
    }
}
