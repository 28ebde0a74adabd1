package dev.rill.report;

/** A run directory, or a file in it, that cannot be reported on; the message names the file (and line). */
public final class ReportException extends RuntimeException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
