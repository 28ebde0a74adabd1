package dev.rill.inspect;

import dev.rill.text.LengthBuckets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The distribution of example lengths in tokens, with what it means for training: a suggested
 * truncated-BPTT length and how much padding minibatches carry.
 *
 * @param percentiles   lengths at the 50th, 90th, 95th and 99th percentile and the maximum
 * @param bins          a histogram; the last bin holds everything above the 99th percentile
 * @param cut           examples that {@code data.max_length} shortens
 * @param suggestedTbptt a {@code training.tbptt} for these lengths; 0 means full BPTT
 * @param bucketPadding share of padded steps with Rill's length-sorted pools ({@link LengthBuckets})
 * @param randomPadding share of padded steps if minibatches were drawn at random
 */
public record LengthProfile(int[] percentiles, List<Bin> bins, int cut, int suggestedTbptt, double bucketPadding,
                            double randomPadding) {

    /** Examples whose length lies in {@code [from, to]}. */
    public record Bin(int from, int to, int count) {
    }

    /** Above this 95th percentile length, full backprop through time gets slow and memory-hungry. */
    static final int LONG = 200;
    /** The tbptt suggested for long examples (what configs/sentiment-imdb.yaml uses). */
    static final int SUGGESTED_TBPTT = 100;
    private static final int BINS = 10;

    /**
     * @param lengths     tokens per example as the network reads them
     * @param fullLengths tokens per example before {@code data.max_length}
     * @param batchSize   examples per minibatch
     * @param seed        for the padding estimate's shuffles
     */
    static LengthProfile of(int[] lengths, int[] fullLengths, int batchSize, long seed) {
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int[] p = {percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]};
        int cut = 0;
        for (int i = 0; i < lengths.length; i++) {
            cut += fullLengths[i] > lengths[i] ? 1 : 0;
        }
        int tbptt = p[2] > LONG ? SUGGESTED_TBPTT : 0;
        double buckets = padding(LengthBuckets.shuffled(lengths, batchSize, new Random(seed)), lengths);
        return new LengthProfile(p, histogram(sorted, p[3]), cut, tbptt, buckets, padding(randomBatches(lengths.length, batchSize, seed), lengths));
    }

    private static int percentile(int[] sorted, int q) {
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Equal-width bins from 0 to the 99th percentile, rounded to a readable width, then one bin for the rest. */
    private static List<Bin> histogram(int[] sorted, int p99) {
        int width = readable(Math.max(1, (int) Math.ceil(p99 / (double) BINS)));
        List<Bin> bins = new ArrayList<>();
        int i = 0;
        for (int from = 0; from <= p99; from += width) {
            int to = from + width - 1;
            int count = 0;
            while (i < sorted.length && sorted[i] <= to) {
                count++;
                i++;
            }
            bins.add(new Bin(from, to, count));
        }
        if (i < sorted.length) {
            bins.add(new Bin(bins.get(bins.size() - 1).to() + 1, sorted[sorted.length - 1], sorted.length - i));
        }
        return bins;
    }

    /** 1, 2, 5, 10, 20, 50, ...: the smallest such number >= n. */
    private static int readable(int n) {
        for (int scale = 1; ; scale *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * scale >= n) {
                    return m * scale;
                }
            }
        }
    }

    private static List<int[]> randomBatches(int n, int batchSize, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < n; b += batchSize) {
            batches.add(order.subList(b, Math.min(n, b + batchSize)).stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    /** Padded steps over all computed steps; an empty text is read as one step (one {@code <unk>}). */
    private static double padding(List<int[]> batches, int[] lengths) {
        long computed = 0;
        long real = 0;
        for (int[] batch : batches) {
            int t = 0;
            for (int i : batch) {
                t = Math.max(t, Math.max(1, lengths[i]));
                real += Math.max(1, lengths[i]);
            }
            computed += (long) t * batch.length;
        }
        return computed == 0 ? 0 : 1 - real / (double) computed;
    }
}
