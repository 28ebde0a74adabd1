package dev.rill.text;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketsTest {

    private static final int[] LENGTHS = new Random(7).ints(2000, 1, 120).toArray();

    @Test
    void every_example_appears_exactly_once_per_epoch() {
        List<int[]> batches = LengthBuckets.shuffled(LENGTHS, 32, new Random(1));
        int[] seen = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, LENGTHS.length).toArray(), seen);
    }

    @Test
    void bucketing_pads_far_less_than_random_batches() {
        long bucketed = padding(LengthBuckets.shuffled(LENGTHS, 32, new Random(1)));
        Random r = new Random(1);
        List<Integer> order = new java.util.ArrayList<>(IntStream.range(0, LENGTHS.length).boxed().toList());
        java.util.Collections.shuffle(order, r);
        List<int[]> random = new java.util.ArrayList<>();
        for (int i = 0; i < order.size(); i += 32) {
            random.add(order.subList(i, Math.min(order.size(), i + 32)).stream().mapToInt(Integer::intValue).toArray());
        }
        assertTrue(bucketed * 5 < padding(random), "bucketed padding " + bucketed + " vs random " + padding(random));
    }

    @Test
    void same_seed_same_batches_and_epochs_differ() {
        List<int[]> a = LengthBuckets.shuffled(LENGTHS, 32, new Random(3));
        List<int[]> b = LengthBuckets.shuffled(LENGTHS, 32, new Random(3));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        Random r = new Random(3);
        List<int[]> e1 = LengthBuckets.shuffled(LENGTHS, 32, r);
        List<int[]> e2 = LengthBuckets.shuffled(LENGTHS, 32, r);
        assertTrue(!Arrays.equals(e1.get(0), e2.get(0)));
    }

    @Test
    void sorted_batches_cover_all_examples_in_length_order() {
        List<int[]> batches = LengthBuckets.sorted(LENGTHS, 100);
        int[] order = batches.stream().flatMapToInt(Arrays::stream).toArray();
        assertEquals(LENGTHS.length, order.length);
        for (int i = 1; i < order.length; i++) {
            assertTrue(LENGTHS[order[i - 1]] <= LENGTHS[order[i]]);
        }
    }

    private static long padding(List<int[]> batches) {
        long pad = 0;
        for (int[] b : batches) {
            int max = LengthBuckets.maxLength(b, LENGTHS);
            for (int i : b) {
                pad += max - LENGTHS[i];
            }
        }
        return pad;
    }
}
