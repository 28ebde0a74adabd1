package dev.rill.engine;

import dev.rill.generate.CrossEntropy;
import dev.rill.generate.RecurrentStepper;
import dev.rill.text.Example;
import dev.rill.text.LengthBuckets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a one-to-many generator predicts held-out texts, and how much its condition tells it.
 *
 * <p>Every token of a text and its {@code <eos>} is predicted. {@code conditioned}: each text
 * under its own label, {@code -ln P(x | L)}. {@code unconditioned}: the same model with the label
 * unknown, {@code -ln P(x)} with {@code P(x) = (1/C) sum_c P(x | c)} (a uniform mixture over the C
 * labels); the gap between the two is what the condition buys. {@code conditionAccuracy}: the
 * share of texts whose most likely label, {@code argmax_c P(x | c)}, is their own (the generator
 * used as a classifier).
 *
 * @param conditioned       cross-entropy given the true label
 * @param unconditioned     cross-entropy of the uniform mixture over labels
 * @param conditionAccuracy share of texts most likely under their own label
 * @param examples          texts scored
 */
public record ConditionedMetrics(CrossEntropy conditioned, CrossEntropy unconditioned, double conditionAccuracy, int examples)
        implements TaskMetrics {

    /** Scores every text of {@code examples} under every label, in batches of texts of similar length. */
    static ConditionedMetrics score(MultiLayerNetwork network, List<Example> examples, ConditionTokens tokens, int batchSize) {
        int classes = tokens.labels().size();
        boolean everyStep = RecurrentStepper.conditions(network) > 0;
        int[] lengths = examples.stream().mapToInt(Example::length).toArray();
        double conditioned = 0;
        double unconditioned = 0;
        long predicted = 0;
        int correct = 0;
        for (int[] rows : LengthBuckets.sorted(lengths, batchSize)) {
            double[][] logLikelihood = new double[classes][];   // [label][row]
            for (int c = 0; c < classes; c++) {
                int[] conditions = new int[rows.length];
                Arrays.fill(conditions, c);
                logLikelihood[c] = logLikelihoods(network, ConditionedBatch.dataSet(examples, rows, tokens, conditions, everyStep));
            }
            for (int r = 0; r < rows.length; r++) {
                Example e = examples.get(rows[r]);
                predicted += e.length() + 1;
                conditioned -= logLikelihood[e.label()][r];
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    if (logLikelihood[c][r] > max) {
                        max = logLikelihood[c][r];
                        best = c;
                    }
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(logLikelihood[c][r] - max);
                }
                unconditioned -= max + Math.log(sum / classes);
                correct += best == e.label() ? 1 : 0;
            }
        }
        return new ConditionedMetrics(new CrossEntropy(conditioned, predicted), new CrossEntropy(Math.max(0, unconditioned), predicted),
                (double) correct / examples.size(), examples.size());
    }

    /** {@code ln P(targets | inputs)} of each row over its real steps (probabilities floored as in {@code StreamScorer}). */
    private static double[] logLikelihoods(MultiLayerNetwork network, DataSet ds) {
        INDArray p = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());   // [batch, V, time]
        INDArray target = p.mul(ds.getLabels().castTo(p.dataType())).sum(1);                                   // [batch, time]: p(target)
        double[][] pt = target.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] mask = ds.getLabelsMaskArray().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[pt.length];
        for (int r = 0; r < pt.length; r++) {
            for (int t = 0; t < pt[r].length; t++) {
                if (mask[r][t] > 0) {
                    out[r] += Math.log(Math.max(pt[r][t], Float.MIN_NORMAL));
                }
            }
        }
        return out;
    }

    public double natsPerToken() {
        return conditioned.natsPerToken();
    }

    /**
     * {@code nats_per_token}, {@code bits_per_token}, {@code perplexity}, {@code tokens} given the label;
     * {@code unconditioned_nats_per_token}, {@code unconditioned_perplexity}; {@code condition_accuracy}; {@code examples}.
     */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", examples);
        m.putAll(conditioned.toMap());
        m.put("unconditioned_nats_per_token", unconditioned.natsPerToken());
        m.put("unconditioned_perplexity", unconditioned.perplexity());
        m.put("condition_accuracy", conditionAccuracy);
        return m;
    }

    @Override
    public String format() {
        return String.format(Locale.ROOT, "%s; without the condition %.4f nats/token (perplexity %.3f); condition accuracy %.2f%% (%d texts)%n",
                conditioned.format(), unconditioned.natsPerToken(), unconditioned.perplexity(), 100 * conditionAccuracy, examples);
    }
}
