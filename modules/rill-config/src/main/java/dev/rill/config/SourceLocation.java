package dev.rill.config;

import java.util.Objects;

/**
 * A place in the config input, shown to users as {@code file:line:column}.
 *
 * <p>For the YAML file, {@code file} is the path as it was given and {@code line}/{@code column}
 * are 1-based (SnakeYAML's marks are 0-based; the loader adds one). For a {@code --set KEY=VALUE}
 * override, {@code file} is the literal argument prefixed with {@code "--set "} (for example
 * {@code "--set training.epochs=abc"}), {@code line} is 1 and {@code column} is the 1-based position
 * of the offending part inside {@code KEY=VALUE}: that names the argument the user typed, which a
 * line number of a file could not.
 *
 * @param file   the config file path, or {@code "--set KEY=VALUE"} for an override
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** The start of {@code file}: where problems about the whole file are reported. */
    public static SourceLocation startOf(String file) {
        return new SourceLocation(file, 1, 1);
    }

    /** {@code file:line:column}, the form editors and terminals turn into links. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
