package dev.rill.config;

import java.util.Objects;

/**
 * Where a training run writes.
 *
 * <pre>
 * output:
 *   dir: runs/sentiment-sst2   # relative to the working directory; `rill train --out` overrides it
 * </pre>
 *
 * @param dir run folder; the bundle is written to {@code DIR/model.rill}
 */
public record OutputConfig(String dir) {

    public OutputConfig {
        Objects.requireNonNull(dir, "dir");
    }
}
