package dev.rill.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevHoldoutTest {

    private static final List<Integer> ROWS = IntStream.range(0, 1000).boxed().toList();

    @Test
    void holds_out_the_rounded_share_and_keeps_every_row_once_in_file_order() {
        DevHoldout.Parts<Integer> p = DevHoldout.split(ROWS, 0.1, 42);
        assertEquals(100, p.dev().size());
        assertEquals(900, p.train().size());
        List<Integer> all = new ArrayList<>(p.train());
        all.addAll(p.dev());
        assertEquals(ROWS, all.stream().sorted().toList());
        assertEquals(p.dev().stream().sorted().toList(), p.dev());
        assertTrue(p.train().stream().noneMatch(p.dev()::contains));
    }

    @Test
    void same_seed_same_split_other_seed_other_split() {
        assertEquals(DevHoldout.split(ROWS, 0.2, 7), DevHoldout.split(ROWS, 0.2, 7));
        assertNotEquals(DevHoldout.split(ROWS, 0.2, 7).dev(), DevHoldout.split(ROWS, 0.2, 8).dev());
    }

    @Test
    void zero_holds_nothing_out() {
        assertEquals(ROWS, DevHoldout.split(ROWS, 0.0, 1).train());
        assertTrue(DevHoldout.split(ROWS, 0.0, 1).dev().isEmpty());
    }
}
