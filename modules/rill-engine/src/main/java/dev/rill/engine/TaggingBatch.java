package dev.rill.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Turns a minibatch of sentences into DL4J tensors for a tagger: right-padded inputs, a mask that
 * is 1 on real tokens, and one-hot tags at every step.
 *
 * <p>Inputs are {@code [batch, channels, time]}: channel 0 holds the word id, channels 1.. the
 * word's character ids (0 = no character) when the model reads characters. The label mask equals
 * the features mask, so padding steps contribute neither loss nor gradient, and the recurrent
 * layers skip them, so a padded sentence is tagged as it would be alone.
 */
public final class TaggingBatch {

    private TaggingBatch() {
    }

    /**
     * Network inputs of a batch.
     *
     * @param features [batch, channels, time] ids as floats
     * @param mask     [batch, time], 1 on real tokens
     */
    public record Inputs(INDArray features, INDArray mask) {
    }

    public static Inputs inputs(List<WordFeatures.TaggerInput> sentences, int[] batch, int channels) {
        int mb = batch.length;
        int t = 0;
        for (int i : batch) {
            t = Math.max(t, sentences.get(i).length());
        }
        float[] features = new float[mb * channels * t];
        float[] mask = new float[mb * t];
        for (int r = 0; r < mb; r++) {
            WordFeatures.TaggerInput s = sentences.get(batch[r]);
            for (int step = 0; step < s.length(); step++) {
                features[(r * channels) * t + step] = s.words()[step];
                if (s.chars() != null) {
                    int[] chars = s.chars()[step];
                    for (int c = 0; c < chars.length && c < channels - 1; c++) {
                        features[(r * channels + 1 + c) * t + step] = chars[c];
                    }
                }
                mask[r * t + step] = 1f;
            }
        }
        return new Inputs(Nd4j.create(features, new long[] {mb, channels, t}, 'c'), Nd4j.create(mask, new long[] {mb, t}, 'c'));
    }

    /** A training or scoring minibatch: inputs, one-hot tags {@code [batch, tags, time]}, and the mask for both. */
    public static DataSet dataSet(List<WordFeatures.TaggerInput> sentences, List<int[]> tags, int[] batch, int channels, int tagCount) {
        Inputs in = inputs(sentences, batch, channels);
        int mb = batch.length;
        int t = (int) in.features().size(2);
        float[] labels = new float[mb * tagCount * t];
        for (int r = 0; r < mb; r++) {
            int[] row = tags.get(batch[r]);
            for (int step = 0; step < row.length; step++) {
                labels[(r * tagCount + row[step]) * t + step] = 1f;
            }
        }
        INDArray y = Nd4j.create(labels, new long[] {mb, tagCount, t}, 'c');
        return new DataSet(in.features(), y, in.mask(), in.mask());
    }
}
