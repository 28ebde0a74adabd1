package dev.rill.generate;

/**
 * How often each sequence of 1 to {@code order} tokens occurs in a training stream, with keys
 * packed by {@link NgramKeys}.
 */
final class NgramCounts {

    private final NgramKeys keys;
    private final LongIntMap[] counts; // counts[m]: m-grams, m in [1, order]
    private final int tokens;

    private NgramCounts(NgramKeys keys, LongIntMap[] counts, int tokens) {
        this.keys = keys;
        this.counts = counts;
        this.tokens = tokens;
    }

    /** Counts every m-gram of {@code stream}, {@code 1 <= m <= order}. */
    static NgramCounts of(int[] stream, int vocabularySize, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        NgramKeys keys = new NgramKeys(vocabularySize, order);
        keys.check(stream);
        LongIntMap[] counts = new LongIntMap[order + 1];
        for (int m = 1; m <= order; m++) {
            counts[m] = new LongIntMap();
        }
        for (int i = 0; i < stream.length; i++) {
            // The m-gram ending at i is the (m-1)-gram ending at i with tokens[i-m+1] in front.
            long key = 0;
            for (int m = 1; m <= order && i - m + 1 >= 0; m++) {
                key = keys.prepend(stream[i - m + 1], key, m - 1);
                counts[m].add(key, 1);
            }
        }
        return new NgramCounts(keys, counts, stream.length);
    }

    NgramKeys keys() {
        return keys;
    }

    int order() {
        return counts.length - 1;
    }

    /** Tokens in the training stream. */
    int tokens() {
        return tokens;
    }

    /** Counts of sequences of {@code length} tokens. */
    LongIntMap of(int length) {
        return counts[length];
    }
}
