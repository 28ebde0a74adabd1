package dev.rill.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid name a user most likely meant, so that {@code epochz} suggests {@code epochs},
 * {@code lsmt} suggests {@code lstm} and {@code shakespeare} suggests {@code tinyshakespeare}.
 * Used for config keys and values here and for corpus, file and manifest names in rill-text.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code input} (case ignored): within {@code max(2, length / 3)} edits,
     * ties going to the candidate listed first so callers control the order; else the shortest
     * candidate that contains {@code input} or is contained in it (abbreviations such as {@code lr},
     * over-long names such as {@code learning_rate_value}); else nothing.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String needle = input.toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return Optional.empty();
        }
        int allowed = Math.max(2, needle.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(needle, c.toLowerCase(Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null || needle.length() < 2) {
            return Optional.ofNullable(best);
        }
        String contained = null;
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            if ((lower.contains(needle) || needle.contains(lower)) && (contained == null || c.length() < contained.length())) {
                contained = c;
            }
        }
        return Optional.ofNullable(contained);
    }

    /** {@code " (did you mean 'x'?)"} or {@code ""}: appended to messages as is. */
    public static String suffix(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * neighbouring characters each cost one (a swap is the commonest typo: {@code lsmt}).
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
