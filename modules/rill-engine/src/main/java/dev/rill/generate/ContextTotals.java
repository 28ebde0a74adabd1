package dev.rill.generate;

/**
 * For each context {@code h} of one level of n-gram counts: the total {@code c(h ·)} of the counts
 * that follow it and the number of distinct tokens {@code N1+(h ·)} seen after it.
 */
final class ContextTotals {

    private final LongIntMap totals = new LongIntMap();
    private final LongIntMap types = new LongIntMap();

    /** Sums {@code counts} (keys of sequences {@code h w}) by their context {@code h}. */
    ContextTotals(LongIntMap counts, NgramKeys keys) {
        counts.forEach((key, count) -> {
            long context = keys.withoutLast(key);
            totals.add(context, count);
            types.add(context, 1);
        });
    }

    /** {@code c(h ·)}, 0 for a context never seen. */
    int total(long context) {
        return totals.get(context);
    }

    /** {@code N1+(h ·)}. */
    int types(long context) {
        return types.get(context);
    }
}
