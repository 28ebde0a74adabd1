package dev.rill.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings are checked where they are made, with messages naming the rill serve option. */
class SettingsTest {

    private static void rejects(String message, Executable make) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
    }

    @Test
    void rejects_limits_below_one_naming_the_option() {
        rejects("--max-body-bytes must be at least 1, got 0", () -> new Limits(0, 1, 1, 1));
        rejects("--max-texts must be at least 1, got -3", () -> new Limits(1, -3, 1, 1));
        rejects("--max-text-chars must be at least 1, got 0", () -> new Limits(1, 1, 0, 1));
        rejects("--max-generate-length must be at least 1, got 0", () -> new Limits(1, 1, 1, 0));
    }

    @Test
    void rejects_ports_hosts_and_copies_that_cannot_work() {
        rejects("--port must be in 0..65535 (0 = any free port), got 70000",
                () -> new ServeSettings("127.0.0.1", 70_000, Limits.DEFAULTS, 1, Duration.ZERO));
        rejects("--host must name an address, e.g. 127.0.0.1 or 0.0.0.0",
                () -> new ServeSettings(" ", 8080, Limits.DEFAULTS, 1, Duration.ZERO));
        rejects("--copies must be at least 1, got 0", () -> new ServeSettings("127.0.0.1", 8080, Limits.DEFAULTS, 0, Duration.ZERO));
    }

    @Test
    void generation_parameters_follow_the_samplers_rules() {
        rejects("temperature must be a finite number >= 0 (0 = greedy), got NaN", () -> new GenerationParams(1, Double.NaN, 0, 1, 0));
        rejects("top_p must be in (0, 1] (1 = off), got 0.0", () -> new GenerationParams(1, 1, 0, 0, 0));
        rejects("length must be at least 1, got 0", () -> new GenerationParams(0, 1, 0, 1, 0));
    }
}
