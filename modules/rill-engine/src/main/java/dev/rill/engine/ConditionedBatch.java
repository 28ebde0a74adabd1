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
 */
final class ConditionedBatch {

    private ConditionedBatch() {
    }

    /** Each row conditioned on its own label. */
    static DataSet dataSet(List<Example> examples, int[] rows, ConditionTokens tokens) {
        int[] conditions = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            conditions[r] = tokens.condition(examples.get(rows[r]).label());
        }
        return dataSet(examples, rows, tokens, conditions);
    }

    /** Row {@code r} conditioned on the token {@code conditions[r]} (to score a text under every label). */
    static DataSet dataSet(List<Example> examples, int[] rows, ConditionTokens tokens, int[] conditions) {
        int mb = rows.length;
        int v = tokens.vocabulary().size();
        int t = 0;
        for (int i : rows) {
            t = Math.max(t, examples.get(i).length() + 1);
        }
        float[] features = new float[mb * t];       // [batch, 1, time]
        float[] labels = new float[mb * v * t];     // [batch, V, time]
        float[] mask = new float[mb * t];           // [batch, time]
        for (int r = 0; r < mb; r++) {
            int[] words = examples.get(rows[r]).tokens();
            for (int step = 0; step <= words.length; step++) {
                features[r * t + step] = step == 0 ? conditions[r] : words[step - 1];
                int target = step < words.length ? words[step] : tokens.eos();
                labels[(r * v + target) * t + step] = 1f;
                mask[r * t + step] = 1f;
            }
        }
        var m = Nd4j.create(mask, new long[] {mb, t}, 'c');
        return new DataSet(Nd4j.create(features, new long[] {mb, 1, t}, 'c'), Nd4j.create(labels, new long[] {mb, v, t}, 'c'), m, m);
    }
}
