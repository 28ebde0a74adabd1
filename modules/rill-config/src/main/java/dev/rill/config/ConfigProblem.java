package dev.rill.config;

import java.util.Objects;

/**
 * One thing wrong with a config, tied to where it is.
 *
 * <p>Codes are stable, short and lower-case so tests and tools can match on them:
 * {@code yaml-syntax}, {@code empty-file}, {@code missing-file}, {@code unreadable-file},
 * {@code unknown-key}, {@code duplicate-key}, {@code missing-key}, {@code wrong-type},
 * {@code out-of-range}, {@code invalid-value}, {@code unknown-corpus}, {@code conflict} and
 * {@code invalid-override}.
 *
 * @param where   location of the offending value (for a missing key: of the mapping that lacks it)
 * @param code    the kind of problem
 * @param message what is wrong, naming the dotted key path and the value found
 * @param hint    how to fix it, or {@code null} when the message says enough
 */
public record ConfigProblem(SourceLocation where, String code, String message, String hint) {

    public ConfigProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code FILE:LINE:COLUMN: error[CODE] message}, followed, when there is a hint, by a second
     * line {@code "  hint: ..."}: a hint on its own line keeps the first line short and greppable.
     */
    @Override
    public String toString() {
        String first = where + ": error[" + code + "] " + message;
        return hint == null ? first : first + System.lineSeparator() + "  hint: " + hint;
    }
}
