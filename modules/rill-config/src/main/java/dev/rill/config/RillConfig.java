package dev.rill.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A whole training configuration, as read from one YAML file with every default filled in.
 *
 * <p>Instances are only made by {@link ConfigLoader}, which validates every field and reports
 * problems as {@code FILE:LINE:COLUMN: message}; the compact constructors here only guard
 * against programming errors (nulls), so no path into a config skips validation.
 *
 * @param task     what the network learns (the shape of its input and output sequences)
 * @param data     where the examples come from and how text becomes token ids
 * @param model    embedding and the stack of recurrent layers
 * @param training optimisation settings
 * @param output   where runs and bundles are written
 * @param source   the YAML file this was read from ({@code null} when built in memory);
 *                 relative paths in the config are resolved against its folder
 */
public record RillConfig(
        TaskType task,
        DataConfig data,
        ModelConfig model,
        TrainingConfig training,
        OutputConfig output,
        Path source) {

    public RillConfig {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(output, "output");
    }

    /** The folder relative paths are resolved against: the config file's folder, or the working directory. */
    public Path baseDir() {
        Path parent = source == null ? null : source.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
