package dev.rill.generate;

import java.util.List;

/**
 * Guidance for a conditioned generator: the next-token distribution given the target condition, pushed further away
 * from what the other conditions would write. Each condition c has its own reader of the same text, and
 *
 * <pre>
 *   log q(w) = log P(w | c*, x) + g · (log P(w | c*, x) - log P(w | x)) + const,
 *   P(w | x) = sum_c P(c | x) P(w | c, x),   P(c | x) proportional to P(x | c)   (uniform prior over conditions)
 * </pre>
 *
 * where x is the text read so far, c* the target and g the guidance. The difference is
 * {@code log P(c* | x, w) - log P(c* | x)}: how much the token w raises the generator's own belief that the text has
 * the target condition, so g above 0 favours the tokens that say the condition (classifier-free guidance, Ho and
 * Salimans 2022, with the generator's own posterior mixture as the unconditional model). g = 0 is plain sampling from
 * {@code P(w | c*, x)}. Temperature, top-k and top-p apply to q afterwards, as to any stepper's distribution.
 *
 * <p>The first token a generator reads is its condition token; each reader reads its own condition's token in its
 * place (and the token is not scored), then every reader reads the same text.
 */
public final class GuidedStepper implements TokenStepper {

    /** Probabilities are floored here before logs, as in the scorers: a token one reader rules out is very unlikely, not impossible. */
    private static final double FLOOR = Float.MIN_NORMAL;

    private final List<TokenStepper> readers;
    private final int[] conditionTokens;
    private final int target;
    private final double guidance;
    private final double[] logLikelihood;
    private double[][] next;

    /**
     * @param readers         one fresh reader per condition, index = condition
     * @param conditionTokens the condition token of each condition (what reader c reads first)
     * @param target          the condition to write for
     * @param guidance        g &gt;= 0
     */
    public GuidedStepper(List<TokenStepper> readers, int[] conditionTokens, int target, double guidance) {
        if (readers.size() < 2 || readers.size() != conditionTokens.length) {
            throw new IllegalArgumentException("guidance needs a reader and a condition token per condition (at least 2), got "
                    + readers.size() + " readers and " + conditionTokens.length + " tokens");
        }
        if (target < 0 || target >= readers.size()) {
            throw new IllegalArgumentException("target condition must be in [0, " + readers.size() + "), got " + target);
        }
        this.guidance = requireGuidance(guidance);
        this.readers = List.copyOf(readers);
        this.conditionTokens = conditionTokens.clone();
        this.target = target;
        this.logLikelihood = new double[readers.size()];
    }

    /**
     * {@code guidance} itself when it is a valid guidance, finite and &gt;= 0; what every entry point (CLI, server, bench)
     * checks its guidance with.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static double requireGuidance(double guidance) {
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0, got " + guidance);
        }
        return guidance;
    }

    @Override
    public int vocabularySize() {
        return readers.get(target).vocabularySize();
    }

    @Override
    public double[] read(int... tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("read needs at least one token");
        }
        int conditions = readers.size();
        int from = 0;
        if (next == null) {
            if (tokens[0] != conditionTokens[target]) {
                throw new IllegalArgumentException("a guided generator reads its condition token " + conditionTokens[target]
                        + " first, got " + tokens[0]);
            }
            next = new double[conditions][];
            for (int c = 0; c < conditions; c++) {
                next[c] = readers.get(c).read(conditionTokens[c]);
            }
            from = 1;
        }
        // Token by token, so each one is scored under every condition before it is read.
        for (int i = from; i < tokens.length; i++) {
            for (int c = 0; c < conditions; c++) {
                logLikelihood[c] += Math.log(Math.max(next[c][tokens[i]], FLOOR));
                next[c] = readers.get(c).read(tokens[i]);
            }
        }
        return guided();
    }

    /** The posterior over conditions given the text read so far (uniform prior). */
    double[] posterior() {
        double[] w = Sampler.softmax(logLikelihood);
        Sampler.normalize(w);
        return w;
    }

    private double[] guided() {
        double[] p = next[target];
        if (guidance == 0) {
            return p.clone();
        }
        double[] w = posterior();
        double[] logQ = new double[p.length];
        for (int v = 0; v < p.length; v++) {
            double mixture = 0;
            for (int c = 0; c < w.length; c++) {
                mixture += w[c] * next[c][v];
            }
            double logP = Math.log(Math.max(p[v], FLOOR));
            logQ[v] = logP + guidance * (logP - Math.log(Math.max(mixture, FLOOR)));
        }
        double[] q = Sampler.softmax(logQ);
        Sampler.normalize(q);
        return q;
    }
}
