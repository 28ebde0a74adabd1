package dev.rill.generate;

import java.util.Arrays;

/**
 * A map from non-negative {@code long} keys to {@code int} counts, open addressing with linear
 * probing. n-gram counts of a million-token corpus are a few million entries: boxed
 * {@code HashMap<Long, Integer>} entries would cost several times the memory and time.
 */
final class LongIntMap {

    private static final long EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap() {
        this(16);
    }

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
    }

    /** The value at {@code key}, 0 when absent. */
    int get(long key) {
        int i = slot(key, keys);
        return keys[i] == key ? values[i] : 0;
    }

    /** Adds {@code delta} to the value at {@code key} (absent keys start at 0). */
    void add(long key, int delta) {
        if (key < 0) {
            throw new IllegalArgumentException("keys are >= 0, got " + key);
        }
        int i = slot(key, keys);
        if (keys[i] != key) {
            keys[i] = key;
            if (++size * 2 > keys.length) {
                values[i] = delta;
                grow();
                return;
            }
        }
        values[i] += delta;
    }

    int size() {
        return size;
    }

    /** Calls {@code action} once per key, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** A key and its value. */
    @FunctionalInterface
    interface Entry {
        void accept(long key, int value);
    }

    /** Where {@code key} is, or the empty slot where it would go. */
    private static int slot(long key, long[] keys) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Packed n-gram keys are sequential in their low digits; spread them over the table. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[keys.length];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j], keys);
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
