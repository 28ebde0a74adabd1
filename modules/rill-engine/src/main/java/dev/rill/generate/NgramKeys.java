package dev.rill.generate;

/**
 * Packs a sequence of up to {@code maxLength} token ids into one {@code long}: the digits
 * {@code id + 1} in base {@code V + 1}, first token most significant. Digits are never 0, so
 * sequences of different lengths get different keys, and the empty sequence is key 0.
 *
 * <p>With first-token-most-significant order, dropping the last token is {@code key / base} and
 * dropping the first token of a length-{@code m} key is {@code key % base^(m-1)}.
 */
final class NgramKeys {

    private final int vocabularySize;
    private final long base;
    private final long[] powers; // powers[i] = base^i

    NgramKeys(int vocabularySize, int maxLength) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
        this.base = vocabularySize + 1L;
        this.powers = new long[maxLength + 1];
        powers[0] = 1;
        for (int i = 1; i <= maxLength; i++) {
            if (powers[i - 1] > Long.MAX_VALUE / base) {
                throw new IllegalArgumentException("sequences of " + maxLength + " tokens over a vocabulary of "
                        + vocabularySize + " do not fit a 64-bit key; use a lower order or a smaller vocabulary");
            }
            powers[i] = powers[i - 1] * base;
        }
    }

    int vocabularySize() {
        return vocabularySize;
    }

    /** The key of {@code tokens[from, to)}. */
    long key(int[] tokens, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = append(k, tokens[i]);
        }
        return k;
    }

    /** The key of a sequence followed by {@code token}. */
    long append(long key, int token) {
        return key * base + token + 1;
    }

    /** The key of a length-{@code length} sequence preceded by {@code token}. */
    long prepend(int token, long key, int length) {
        return (token + 1L) * powers[length] + key;
    }

    /** The key without its last token. */
    long withoutLast(long key) {
        return key / base;
    }

    /** The last token of a non-empty key. */
    int last(long key) {
        return (int) (key % base) - 1;
    }

    /** A length-{@code length} key without its first token. */
    long withoutFirst(long key, int length) {
        return key % powers[length - 1];
    }

    /** Rejects a bad range, and ids outside {@code [0, V)} among its last {@code used} tokens. */
    void checkContext(int[] tokens, int from, int to, int used) {
        if (from < 0 || from > to || to > tokens.length) {
            throw new IndexOutOfBoundsException("context [" + from + ", " + to + ") of " + tokens.length + " tokens");
        }
        for (int i = Math.max(from, to - used); i < to; i++) {
            checkId(tokens[i]);
        }
    }

    /** Rejects an id outside {@code [0, V)}. */
    void checkId(int id) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabularySize + ")");
        }
    }

    /** Rejects ids outside {@code [0, V)}. */
    void check(int[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabularySize) {
                throw new IllegalArgumentException("token id " + tokens[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabularySize + ")");
            }
        }
    }
}
