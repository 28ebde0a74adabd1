package dev.rill.text;

import java.nio.file.Path;

/**
 * Bad input data: a malformed line, a missing file, an unknown label. The message names the file,
 * the line and the field, and says how to fix it; the CLI maps it to exit code 2.
 */
public class DataException extends RuntimeException {

    private final transient Path file;
    private final long line;

    public DataException(Path file, long line, String message) {
        super(format(file, line, message));
        this.file = file;
        this.line = line;
    }

    public DataException(String message) {
        super(message);
        this.file = null;
        this.line = 0;
    }

    private static String format(Path file, long line, String message) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    /** The file at fault, or {@code null}. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }
}
