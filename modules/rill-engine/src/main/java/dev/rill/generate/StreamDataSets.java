package dev.rill.generate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a {@link StreamBatch} into a DL4J {@link DataSet} for a next-token model. Every row of a
 * stream minibatch has the same length, so there are no masks.
 *
 * <p>Labels are one-hot {@code [batch, V, time]} (NCW), the layout {@code RnnOutputLayer} with
 * MCXENT reads. Features are either token ids (for an {@code EmbeddingSequenceLayer}) or one-hot
 * vectors (for a recurrent layer that reads the characters directly).
 */
public final class StreamDataSets {

    private StreamDataSets() {
    }

    /** Features {@code [batch, 1, time]} float token ids, labels one-hot {@code [batch, V, time]}. */
    public static DataSet withIds(StreamBatch batch, int vocabularySize) {
        return new DataSet(ids(batch.inputs()), oneHot(batch.targets(), vocabularySize));
    }

    /** Features and labels both one-hot {@code [batch, V, time]}. */
    public static DataSet withOneHot(StreamBatch batch, int vocabularySize) {
        return new DataSet(oneHot(batch.inputs(), vocabularySize), oneHot(batch.targets(), vocabularySize));
    }

    /**
     * {@code [batch, 1, time]}: rank 3, because DL4J's truncated BPTT silently skips the update
     * for rank-2 features (it only slices rank-3 arrays); EmbeddingSequenceLayer reads both.
     */
    static INDArray ids(int[][] tokens) {
        int rows = tokens.length;
        int steps = tokens[0].length;
        float[] flat = new float[rows * steps];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < steps; t++) {
                flat[r * steps + t] = tokens[r][t];
            }
        }
        return Nd4j.create(flat, new long[] {rows, 1, steps}, 'c');
    }

    /** {@code [batch, V, time]}, 1 at {@code (r, tokens[r][t], t)}. */
    static INDArray oneHot(int[][] tokens, int vocabularySize) {
        int rows = tokens.length;
        int steps = tokens[0].length;
        // c order: ((r * V) + v) * steps + t; multiplyExact because a large V times a long segment can overflow.
        float[] flat = new float[Math.multiplyExact(Math.multiplyExact(rows, vocabularySize), steps)];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < steps; t++) {
                int v = tokens[r][t];
                if (v < 0 || v >= vocabularySize) {
                    throw new IllegalArgumentException("token id " + v + " outside the vocabulary [0, " + vocabularySize + ")");
                }
                flat[(r * vocabularySize + v) * steps + t] = 1f;
            }
        }
        return Nd4j.create(flat, new long[] {rows, vocabularySize, steps}, 'c');
    }
}
