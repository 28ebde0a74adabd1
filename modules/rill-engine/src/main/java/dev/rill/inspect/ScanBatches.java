package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.text.LengthBuckets;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Minibatches of real training examples, made as training makes them. */
public final class ScanBatches implements GradientBatches {

    private final DataScan scan;
    private final int batchSize;
    private final long seed;
    private final int[] lengths;

    /**
     * @param batchSize examples per minibatch (the config's)
     * @param seed      picks the examples
     */
    public ScanBatches(DataScan scan, int batchSize, long seed) {
        this.scan = scan;
        this.batchSize = batchSize;
        this.seed = seed;
        this.lengths = scan.train().lengths();
    }

    @Override
    public String source() {
        return "training examples of " + scan.train().file().getFileName();
    }

    @Override
    public int usableLag(int wanted, int batches) {
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int needed = Math.min(sorted.length, batchSize * batches);
        // The needed-th longest example bounds the lag every measured example reaches.
        int longestShared = sorted[sorted.length - needed];
        return Math.max(0, Math.min(wanted, longestShared - 1));
    }

    /** Up to {@code batches} minibatches of random examples longer than {@code lag}; the last may be smaller. */
    @Override
    public List<DataSet> measurement(int lag, int batches, Pooling pooling) {
        List<Integer> longEnough = new ArrayList<>(IntStream.range(0, lengths.length).filter(i -> lengths[i] > lag).boxed().toList());
        Collections.shuffle(longEnough, new Random(seed));
        List<Integer> chosen = longEnough.subList(0, Math.min(longEnough.size(), batches * batchSize));
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < chosen.size(); from += batchSize) {
            int[] rows = chosen.subList(from, Math.min(chosen.size(), from + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            out.add(scan.trainBatch(rows, pooling));
        }
        return out;
    }

    @Override
    public List<DataSet> training(int steps, Pooling pooling) {
        Random rng = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        while (out.size() < steps) {
            for (int[] rows : LengthBuckets.shuffled(lengths, batchSize, rng)) {
                if (out.size() == steps) {
                    break;
                }
                out.add(scan.trainBatch(rows, pooling));
            }
        }
        return out;
    }
}
