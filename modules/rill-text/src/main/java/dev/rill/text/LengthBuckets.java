package dev.rill.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Groups examples of similar length into minibatches, so a batch is padded only to the length of
 * its own longest example.
 *
 * <p>Each epoch: shuffle all indices, cut them into pools of {@value #POOL_BATCHES} batches, sort
 * each pool by length and cut it into batches, then shuffle the order of all batches. Pools keep
 * randomness between epochs (a global sort would give the same batches every time); the sort
 * inside a pool keeps padding small.
 */
public final class LengthBuckets {

    static final int POOL_BATCHES = 50;

    private LengthBuckets() {
    }

    /**
     * Batches for one training epoch.
     *
     * @param lengths   length of each example
     * @param batchSize examples per batch (the last batch of a pool may be smaller)
     * @param rng       the run's random source (seeded: same seed, same batches)
     * @return lists of example indices
     */
    public static List<int[]> shuffled(int[] lengths, int batchSize, Random rng) {
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        int pool = batchSize * POOL_BATCHES;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += pool) {
            List<Integer> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
            chunk.sort(Comparator.comparingInt(i -> lengths[i]));
            cut(chunk, batchSize, batches);
        }
        Collections.shuffle(batches, rng);
        return batches;
    }

    /** Batches for evaluation: sorted by length (least padding), every example exactly once. */
    public static List<int[]> sorted(int[] lengths, int batchSize) {
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> lengths[i]));
        List<int[]> batches = new ArrayList<>();
        cut(order, batchSize, batches);
        return batches;
    }

    private static void cut(List<Integer> indices, int batchSize, List<int[]> into) {
        for (int b = 0; b < indices.size(); b += batchSize) {
            into.add(indices.subList(b, Math.min(indices.size(), b + batchSize))
                    .stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Padded length of a batch: its longest example. */
    public static int maxLength(int[] batch, int[] lengths) {
        return Arrays.stream(batch).map(i -> lengths[i]).max().orElse(0);
    }
}
