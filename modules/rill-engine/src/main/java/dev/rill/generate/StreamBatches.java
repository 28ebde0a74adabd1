package dev.rill.generate;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One epoch over a long token stream, cut for truncated BPTT.
 *
 * <p>After dropping the first {@code offset} tokens, the stream is cut into {@code B} contiguous
 * rows of {@code len = floor((n - 1 - offset) / B)} steps each; row {@code r} reads
 * {@code x[offset + r*len + t]} and predicts {@code x[offset + r*len + t + 1]} for
 * {@code t in [0, len)}. Minibatch {@code k} holds steps {@code [k*S, min((k+1)*S, len))} of every
 * row, so minibatch {@code k}'s row {@code r} starts exactly where minibatch {@code k-1}'s row
 * {@code r} ended: a recurrent state carried from one minibatch to the next has read exactly the
 * text that precedes the new segment. The last minibatch is shorter when {@code S} does not
 * divide {@code len}. Tokens after row {@code B-1} (fewer than {@code B}) are not read.
 *
 * <p>A random offset per epoch ({@link #forEpoch}) moves the cut points, so segment boundaries do
 * not always fall on the same tokens; it is below {@code S}, so at most {@code S-1} leading
 * tokens are skipped.
 *
 * <p>DL4J note: {@code MultiLayerNetwork.fit(DataSet)} with truncated BPTT clears the recurrent
 * state at the start and end of every call, so state is only carried between the TBPTT segments
 * inside one DataSet. To carry it over m segments, cut with {@code segmentLength = m * tbptt} and
 * let DL4J slice each minibatch into segments of {@code tbptt}.
 *
 * <p>The stream array is not copied; do not modify it while batches are in use.
 */
public final class StreamBatches implements Iterable<StreamBatch> {

    private final int[] stream;
    private final int batchSize;
    private final int segmentLength;
    private final int offset;
    private final int rowLength;

    private StreamBatches(int[] stream, int batchSize, int segmentLength, int offset) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (segmentLength < 1) {
            throw new IllegalArgumentException("segment length must be >= 1, got " + segmentLength);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        // One extra token: the last input step needs a target.
        if (stream.length - 1 - offset < batchSize) {
            throw new IllegalArgumentException("a stream of " + stream.length + " tokens at offset " + offset
                    + " is too short for " + batchSize + " rows: it needs at least " + (batchSize + 1 + offset));
        }
        this.stream = stream;
        this.batchSize = batchSize;
        this.segmentLength = segmentLength;
        this.offset = offset;
        this.rowLength = (stream.length - 1 - offset) / batchSize;
    }

    /** Cuts from the first token. */
    public static StreamBatches of(int[] stream, int batchSize, int segmentLength) {
        return new StreamBatches(stream, batchSize, segmentLength, 0);
    }

    /** Cuts after skipping the first {@code offset} tokens. */
    public static StreamBatches at(int[] stream, int batchSize, int segmentLength, int offset) {
        return new StreamBatches(stream, batchSize, segmentLength, offset);
    }

    /**
     * Cuts at a random offset in {@code [0, min(S-1, n-1-B)]}: the {@code epoch}-th draw (from 0)
     * of a {@link SplittableRandom} seeded with {@code seed}, so a run that restarts at epoch
     * {@code e} cuts as it did the first time.
     */
    public static StreamBatches forEpoch(int[] stream, int batchSize, int segmentLength, long seed, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        int maxOffset = Math.max(0, Math.min(segmentLength - 1, stream.length - 1 - batchSize));
        SplittableRandom random = new SplittableRandom(seed);
        int offset = 0;
        for (int e = 0; e <= epoch; e++) {
            offset = random.nextInt(maxOffset + 1);
        }
        return new StreamBatches(stream, batchSize, segmentLength, offset);
    }

    public int batchSize() {
        return batchSize;
    }

    public int segmentLength() {
        return segmentLength;
    }

    /** Tokens skipped at the start of the stream. */
    public int offset() {
        return offset;
    }

    /** Input steps per row over the whole epoch ({@code len}). */
    public int rowLength() {
        return rowLength;
    }

    /** Minibatches in the epoch: {@code ceil(len / S)}. */
    public int batchCount() {
        return (rowLength + segmentLength - 1) / segmentLength;
    }

    /** Minibatch {@code k}, {@code 0 <= k < batchCount()}. */
    public StreamBatch batch(int k) {
        if (k < 0 || k >= batchCount()) {
            throw new IndexOutOfBoundsException("minibatch " + k + " of " + batchCount());
        }
        int from = k * segmentLength;
        int steps = Math.min(segmentLength, rowLength - from);
        int[][] inputs = new int[batchSize][steps];   // [batch, time]
        int[][] targets = new int[batchSize][steps];  // [batch, time]
        for (int r = 0; r < batchSize; r++) {
            int start = offset + r * rowLength + from;
            System.arraycopy(stream, start, inputs[r], 0, steps);
            System.arraycopy(stream, start + 1, targets[r], 0, steps);
        }
        return new StreamBatch(k, inputs, targets);
    }

    @Override
    public Iterator<StreamBatch> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchCount();
            }

            @Override
            public StreamBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(next++);
            }
        };
    }
}
