package dev.rill.config;

/**
 * An interval a numeric setting must lie in, with the wording used in messages
 * ({@code ">= 1"}, {@code "in [0, 1)"}).
 */
record Range(double min, boolean minIncluded, double max, boolean maxIncluded) {

    /** {@code [min, +inf)} */
    static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, true);
    }

    /** {@code (min, +inf)} */
    static Range above(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, true);
    }

    /** {@code [min, max]} */
    static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** {@code [min, max)}, the shape of a probability that must leave something behind. */
    static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** {@code (min, max]} */
    static Range openClosed(double min, double max) {
        return new Range(min, false, max, true);
    }

    boolean contains(double value) {
        // NaN fails every comparison, so it is never contained.
        boolean aboveMin = minIncluded ? value >= min : value > min;
        boolean belowMax = maxIncluded ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** The constraint in words, completing "X must be ...". */
    String describe() {
        boolean bounded = max != Double.POSITIVE_INFINITY;
        if (!bounded) {
            return (minIncluded ? ">= " : "> ") + number(min);
        }
        return "in " + (minIncluded ? "[" : "(") + number(min) + ", " + number(max) + (maxIncluded ? "]" : ")");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
