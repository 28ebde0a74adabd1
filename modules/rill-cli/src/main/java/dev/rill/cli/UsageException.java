package dev.rill.cli;

/** A command was used wrongly in a way picocli cannot see (exit code 2). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
