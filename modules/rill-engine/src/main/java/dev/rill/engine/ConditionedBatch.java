package dev.rill.engine;

import dev.rill.text.Example;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A minibatch of texts for a one-to-many generator: row {@code r} reads
 * {@code <label:L> w_1 .. w_n} and predicts {@code w_1 .. w_n <eos>}, right-padded to the longest
 * row. Features {@code [batch, 1, time]} ids, labels one-hot {@code [batch, V, time]}, one mask
 * {@code [batch, time]} (1 on real steps) for both, so padding is neither read nor scored.
 *
 * <p>For a network that reads the condition at every step ({@code model.condition: every_step})
 * the features are {@code [batch, 2, time]}: channel 1 holds the row's label index at every step.
 */
final class ConditionedBatch {

    private ConditionedBatch() {
    }

    /** Each row conditioned on its own label. */
    static DataSet dataSet(List<Example> examples, int[] rows, ConditionTokens tokens, boolean everyStep) {
        int[] labels = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            labels[r] = examples.get(rows[r]).label();
        }
        return dataSet(examples, rows, tokens, labels, everyStep);
    }

    /**
     * Row {@code r} conditioned on label index {@code conditions[r]} (to score a text under every label).
     *
     * @param everyStep whether the label is also channel 1 of every step (the network's embedding reads conditions)
     */
    static DataSet dataSet(List<Example> examples, int[] rows, ConditionTokens tokens, int[] conditions, boolean everyStep) {
        int mb = rows.length;
        int v = tokens.vocabulary().size();
        int channels = everyStep ? 2 : 1;
        int t = 0;
        for (int i : rows) {
            t = Math.max(t, examples.get(i).length() + 1);
        }
        float[] features = new float[mb * channels * t];   // [batch, channels, time]
        float[] labels = new float[mb * v * t];             // [batch, V, time]
        float[] mask = new float[mb * t];                   // [batch, time]
        for (int r = 0; r < mb; r++) {
            int[] words = examples.get(rows[r]).tokens();
            for (int step = 0; step <= words.length; step++) {
                features[r * channels * t + step] = step == 0 ? tokens.condition(conditions[r]) : words[step - 1];
                if (everyStep) {
                    features[(r * channels + 1) * t + step] = conditions[r];
                }
                int target = step < words.length ? words[step] : tokens.eos();
                labels[(r * v + target) * t + step] = 1f;
                mask[r * t + step] = 1f;
            }
        }
        var m = Nd4j.create(mask, new long[] {mb, t}, 'c');
        return new DataSet(Nd4j.create(features, new long[] {mb, channels, t}, 'c'), Nd4j.create(labels, new long[] {mb, v, t}, 'c'), m, m);
    }
}
