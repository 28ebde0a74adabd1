package dev.rill.corpus;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for names: the closest candidate, if any is close enough to be a likely typo. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input} by edit distance (a swap of two neighbouring letters
     * counts as one edit), or one that contains it or is contained in it ({@code "shakespeare"} ->
     * {@code "tinyshakespeare"}); empty when nothing is plausibly meant.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String needle = input.toLowerCase();
        int allowed = Math.max(2, needle.length() / 3);
        Optional<String> byDistance = candidates.stream()
                .filter(c -> distance(needle, c.toLowerCase()) <= allowed)
                .min(Comparator.comparingInt((String c) -> distance(needle, c.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()));
        if (byDistance.isPresent() || needle.length() < 2) {
            return byDistance;
        }
        return candidates.stream()
                .filter(c -> c.toLowerCase().contains(needle) || needle.contains(c.toLowerCase()))
                .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean 'x'?)"} or the empty string, ready to splice into a message. */
    static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of adjacent characters. */
    static int distance(String a, String b) {
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
