package dev.rill.serve;

import java.time.Duration;

/**
 * How {@code rill serve} runs.
 *
 * @param host        address to listen on; loopback by default because the API has no authentication
 * @param port        TCP port; 0 takes a free one (tests)
 * @param limits      what one request may ask for
 * @param copies      network copies per model, i.e. requests one model answers at the same time; more
 *                    than the cores only adds memory, as each forward pass keeps a core busy
 * @param waitForCopy how long a request waits for a free copy before it is answered 503 {@code busy}
 */
public record ServeSettings(String host, int port, Limits limits, int copies, Duration waitForCopy) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Long enough to ride out a burst; short enough that a stuck server tells its clients so. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    public ServeSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must name an address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in 0..65535 (0 = any free port), got " + port);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        if (copies < 1) {
            throw new IllegalArgumentException("--copies must be at least 1, got " + copies);
        }
        if (waitForCopy == null || waitForCopy.isNegative()) {
            throw new IllegalArgumentException("the wait for a free model copy must be >= 0, got " + waitForCopy);
        }
    }

    /** One network copy per core: with one native thread per forward pass (OMP_NUM_THREADS=1) that keeps every core busy. */
    public static int defaultCopies() {
        return Runtime.getRuntime().availableProcessors();
    }
}
