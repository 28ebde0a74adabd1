package dev.rill.config;

import java.nio.file.Path;
import java.util.List;

/** Binds the {@code output} section; see {@link OutputConfig}. */
final class OutputBinder {

    static final List<String> KEYS = List.of("dir");

    OutputConfig bind(YamlSection output, Path source) {
        output.allowOnly(KEYS);
        return new OutputConfig(output.string("dir", defaultDir(source)));
    }

    /** {@code runs/NAME} for config file {@code NAME.yaml}, so runs of different configs do not overwrite each other. */
    static String defaultDir(Path source) {
        Path name = source == null ? null : source.getFileName();
        if (name == null) {
            return "runs/rill";
        }
        String stem = name.toString().replaceFirst("\\.(yaml|yml)$", "");
        return "runs/" + (stem.isEmpty() ? "rill" : stem);
    }
}
