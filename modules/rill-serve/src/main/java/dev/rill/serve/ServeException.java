package dev.rill.serve;

/** The server cannot start as asked (the port is taken, the host is not an address here); the CLI exits 2. */
public final class ServeException extends RuntimeException {
    public ServeException(String message, Throwable cause) {
        super(message, cause);
    }
}
