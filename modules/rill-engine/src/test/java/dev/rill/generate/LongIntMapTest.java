package dev.rill.generate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongIntMapTest {

    @Test
    void absent_keys_read_zero_and_added_values_accumulate() {
        LongIntMap m = new LongIntMap();
        assertEquals(0, m.get(0));
        m.add(0, 2);
        m.add(0, 3);
        m.add(Long.MAX_VALUE, 1);
        assertEquals(5, m.get(0));
        assertEquals(1, m.get(Long.MAX_VALUE));
        assertEquals(0, m.get(7));
        assertEquals(2, m.size());
    }

    @Test
    void agrees_with_a_hash_map_through_many_resizes() {
        LongIntMap m = new LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            // Small and sequential keys collide in the low bits, as packed n-grams do.
            long key = i % 3 == 0 ? random.nextInt(5000) : random.nextLong() & Long.MAX_VALUE;
            m.add(key, 1);
            expected.merge(key, 1, Integer::sum);
        }
        assertEquals(expected.size(), m.size());
        expected.forEach((k, v) -> assertEquals(v, m.get(k), "key " + k));
        Map<Long, Integer> visited = new HashMap<>();
        m.forEach((k, v) -> assertEquals(null, visited.put(k, v), "key visited twice: " + k));
        assertEquals(expected, visited);
    }

    @Test
    void rejects_negative_keys() {
        assertThrows(IllegalArgumentException.class, () -> new LongIntMap().add(-1, 1));
    }
}
