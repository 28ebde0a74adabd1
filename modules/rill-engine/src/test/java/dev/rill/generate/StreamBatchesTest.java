package dev.rill.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamBatchesTest {

    /** Token i has id i, so every id names its stream position. */
    private static int[] positions(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    private static int[] randomStream(int n, long seed) {
        Random r = new Random(seed);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(50);
        }
        return s;
    }

    @Test
    void rows_are_contiguous_slices_of_floor_n_minus_1_over_b_steps() {
        // n = 23, B = 3: len = floor(22 / 3) = 7, rows start at 0, 7, 14; token 22 is never read.
        StreamBatches batches = StreamBatches.of(positions(23), 3, 3);
        assertEquals(7, batches.rowLength());
        assertEquals(3, batches.batchCount());
        StreamBatch first = batches.batch(0);
        assertArrayEquals(new int[][] {{0, 1, 2}, {7, 8, 9}, {14, 15, 16}}, first.inputs());
        assertArrayEquals(new int[][] {{1, 2, 3}, {8, 9, 10}, {15, 16, 17}}, first.targets());
        StreamBatch second = batches.batch(1);
        assertArrayEquals(new int[][] {{3, 4, 5}, {10, 11, 12}, {17, 18, 19}}, second.inputs());
        assertArrayEquals(new int[][] {{4, 5, 6}, {11, 12, 13}, {18, 19, 20}}, second.targets());
    }

    @Test
    void last_minibatch_holds_the_remaining_steps() {
        StreamBatch last = StreamBatches.of(positions(23), 3, 3).batch(2);
        assertEquals(1, last.length());
        assertEquals(2, last.index());
        assertArrayEquals(new int[][] {{6}, {13}, {20}}, last.inputs());
        assertArrayEquals(new int[][] {{7}, {14}, {21}}, last.targets());
    }

    @Test
    void segment_length_dividing_the_row_gives_equal_minibatches() {
        // n = 13, B = 3: len = 4, two minibatches of 2 steps.
        StreamBatches batches = StreamBatches.of(positions(13), 3, 2);
        assertEquals(2, batches.batchCount());
        assertEquals(2, batches.batch(1).length());
        assertArrayEquals(new int[][] {{2, 3}, {6, 7}, {10, 11}}, batches.batch(1).inputs());
        assertArrayEquals(new int[][] {{3, 4}, {7, 8}, {11, 12}}, batches.batch(1).targets());
    }

    @ParameterizedTest(name = "n={0} B={1} S={2} offset={3}")
    @CsvSource({"1000, 7, 13, 0", "1000, 7, 13, 5", "101, 1, 10, 0", "50, 49, 3, 0", "64, 4, 100, 2", "30, 2, 1, 0"})
    void each_rows_minibatches_concatenate_to_its_slice_of_the_stream(int n, int b, int s, int offset) {
        int[] stream = randomStream(n, n * 31L + b);
        StreamBatches batches = StreamBatches.at(stream, b, s, offset);
        int len = (n - 1 - offset) / b;
        assertEquals(len, batches.rowLength());
        assertEquals((len + s - 1) / s, batches.batchCount());
        List<List<Integer>> inputRows = new ArrayList<>();
        List<List<Integer>> targetRows = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            inputRows.add(new ArrayList<>());
            targetRows.add(new ArrayList<>());
        }
        for (StreamBatch batch : batches) {
            assertEquals(b, batch.rows());
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < batch.length(); t++) {
                    inputRows.get(r).add(batch.inputs()[r][t]);
                    targetRows.get(r).add(batch.targets()[r][t]);
                }
            }
        }
        for (int r = 0; r < b; r++) {
            int start = offset + r * len;
            assertArrayEquals(java.util.Arrays.copyOfRange(stream, start, start + len),
                    inputRows.get(r).stream().mapToInt(Integer::intValue).toArray(), "inputs of row " + r);
            assertArrayEquals(java.util.Arrays.copyOfRange(stream, start + 1, start + len + 1),
                    targetRows.get(r).stream().mapToInt(Integer::intValue).toArray(), "targets of row " + r);
        }
    }

    @Test
    void each_target_is_the_next_input_including_across_minibatches() {
        StreamBatches batches = StreamBatches.of(randomStream(500, 3), 4, 6);
        for (int k = 0; k < batches.batchCount(); k++) {
            StreamBatch batch = batches.batch(k);
            for (int r = 0; r < batch.rows(); r++) {
                for (int t = 0; t + 1 < batch.length(); t++) {
                    assertEquals(batch.inputs()[r][t + 1], batch.targets()[r][t]);
                }
                if (k + 1 < batches.batchCount()) {
                    // Where the next minibatch's row r starts: the state carried over has read this token.
                    assertEquals(batches.batch(k + 1).inputs()[r][0], batch.targets()[r][batch.length() - 1]);
                }
            }
        }
    }

    @Test
    void iteration_yields_every_minibatch_in_order() {
        StreamBatches batches = StreamBatches.of(positions(23), 3, 3);
        List<Integer> indices = new ArrayList<>();
        batches.forEach(b -> indices.add(b.index()));
        assertEquals(List.of(0, 1, 2), indices);
    }

    @Test
    void offset_skips_leading_tokens() {
        // n = 23, offset 2, B = 2: len = floor(20 / 2) = 10, rows start at 2 and 12.
        StreamBatches batches = StreamBatches.at(positions(23), 2, 4, 2);
        assertEquals(10, batches.rowLength());
        assertArrayEquals(new int[][] {{2, 3, 4, 5}, {12, 13, 14, 15}}, batches.batch(0).inputs());
        assertArrayEquals(new int[][] {{10, 11}, {20, 21}}, batches.batch(2).inputs());
        assertArrayEquals(new int[][] {{11, 12}, {21, 22}}, batches.batch(2).targets());
    }

    @Test
    void epoch_offsets_repeat_for_the_same_seed_and_vary_across_epochs() {
        int[] stream = positions(1000);
        Set<Integer> offsets = new HashSet<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            StreamBatches a = StreamBatches.forEpoch(stream, 4, 25, 42L, epoch);
            StreamBatches b = StreamBatches.forEpoch(stream, 4, 25, 42L, epoch);
            assertEquals(a.offset(), b.offset());
            assertTrue(a.offset() >= 0 && a.offset() < 25, "offset " + a.offset());
            // Since ids are positions, the first input is the offset.
            assertEquals(a.offset(), a.batch(0).inputs()[0][0]);
            offsets.add(a.offset());
        }
        assertTrue(offsets.size() >= 5, "20 epochs drew only " + offsets);
    }

    @Test
    void epoch_offset_never_leaves_a_row_empty() {
        // n = 5, B = 4: only offset 0 leaves 4 rows of at least one step (n - 1 - offset >= B);
        // n = 6 allows offsets 0 and 1, although S = 10 would allow up to 9.
        Set<Integer> offsets = new HashSet<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            assertEquals(0, StreamBatches.forEpoch(positions(5), 4, 10, 7L, epoch).offset());
            offsets.add(StreamBatches.forEpoch(positions(6), 4, 10, 7L, epoch).offset());
        }
        assertEquals(Set.of(0, 1), offsets);
    }

    @Test
    void rejects_a_stream_too_short_for_the_rows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamBatches.of(positions(4), 4, 2));
        assertTrue(e.getMessage().contains("too short for 4 rows"), e.getMessage());
        StreamBatches.of(positions(5), 4, 2); // 4 rows of one step
    }

    @Test
    void rejects_bad_sizes() {
        assertThrows(IllegalArgumentException.class, () -> StreamBatches.of(positions(10), 0, 2));
        assertThrows(IllegalArgumentException.class, () -> StreamBatches.of(positions(10), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> StreamBatches.at(positions(10), 2, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> StreamBatches.forEpoch(positions(10), 2, 2, 1L, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> StreamBatches.of(positions(23), 3, 3).batch(3));
    }
}
