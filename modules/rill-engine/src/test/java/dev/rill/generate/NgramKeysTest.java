package dev.rill.generate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NgramKeysTest {

    // V = 4: base 5, digits id + 1.
    private final NgramKeys keys = new NgramKeys(4, 3);

    @Test
    void packs_ids_plus_one_in_base_v_plus_one_first_token_most_significant() {
        assertEquals(0, keys.key(new int[0], 0, 0));
        assertEquals(3 * 5 + 4, keys.key(new int[] {2, 3}, 0, 2));
        assertEquals(1 * 25 + 3 * 5 + 4, keys.key(new int[] {9, 0, 2, 3}, 1, 4));
    }

    @Test
    void sequences_of_different_lengths_never_share_a_key() {
        assertNotEquals(keys.key(new int[] {0}, 0, 1), keys.key(new int[] {0, 0}, 0, 2));
        assertNotEquals(0, keys.key(new int[] {0}, 0, 1));
    }

    @Test
    void takes_keys_apart_at_both_ends() {
        long k = keys.key(new int[] {1, 2, 3}, 0, 3);
        assertEquals(keys.key(new int[] {1, 2}, 0, 2), keys.withoutLast(k));
        assertEquals(3, keys.last(k));
        assertEquals(keys.key(new int[] {2, 3}, 0, 2), keys.withoutFirst(k, 3));
        assertEquals(k, keys.prepend(1, keys.key(new int[] {2, 3}, 0, 2), 2));
        assertEquals(k, keys.append(keys.key(new int[] {1, 2}, 0, 2), 3));
    }

    @Test
    void rejects_orders_whose_keys_overflow_64_bits() {
        // 66^10 = 1.6e18 fits below 2^63 = 9.2e18; 66^11 does not.
        new NgramKeys(65, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NgramKeys(65, 11));
        assertTrue(e.getMessage().contains("do not fit a 64-bit key"), e.getMessage());
    }

    @Test
    void rejects_ids_outside_the_vocabulary() {
        assertEquals("token id 4 at position 1 is outside the vocabulary [0, 4)",
                assertThrows(IllegalArgumentException.class, () -> keys.check(new int[] {0, 4})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> keys.check(new int[] {-1}));
        assertThrows(IndexOutOfBoundsException.class, () -> keys.checkContext(new int[] {1, 2}, 1, 3, 2));
        // Only the tokens a model reads are checked.
        keys.checkContext(new int[] {99, 1, 2}, 0, 3, 2);
    }
}
