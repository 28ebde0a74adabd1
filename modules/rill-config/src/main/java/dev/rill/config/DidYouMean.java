package dev.rill.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid name a user most likely meant, by Levenshtein edit distance, so that
 * {@code epochz} suggests {@code epochs} and {@code lsmt} suggests {@code lstm}.
 */
final class DidYouMean {

    /** Edits beyond which a suggestion is more likely noise than help. */
    static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code input}: within {@link #MAX_DISTANCE} edits (case ignored), or
     * else one that starts with {@code input} or that {@code input} starts with (for abbreviations
     * such as {@code lr} or over-long names such as {@code learning_rate_value}). Ties go to the
     * candidate listed first, so callers control the order.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String needle = input.toLowerCase(Locale.ROOT);
        Optional<String> near = candidates.stream()
                .filter(c -> distance(needle, c.toLowerCase(Locale.ROOT)) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(c -> distance(needle, c.toLowerCase(Locale.ROOT))));
        if (near.isPresent() || needle.isEmpty()) {
            return near;
        }
        return candidates.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(needle) || needle.startsWith(c.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** {@code " (did you mean 'x'?)"} or {@code ""}: appended to messages as is. */
    static String suffix(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
