package dev.rill.config;

import java.util.Map;
import java.util.Objects;

/**
 * A validated config together with where each of its values came from, so later stages (vocabulary
 * building, data reading, training) can still point a user at the right line.
 *
 * @param config    the config, every default filled in
 * @param locations dotted path (for example {@code data.corpus}, {@code model.layers.0.units}) to the
 *                  location of the value; the root mapping is under {@code ""}. Values filled in from
 *                  defaults have no entry.
 */
public record LoadedConfig(RillConfig config, Map<String, SourceLocation> locations) {

    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        locations = Map.copyOf(locations);
    }

    /**
     * Where {@code dottedPath} was written, or else where its nearest written ancestor was (a
     * defaulted {@code training.epochs} locates at {@code training}, or at the top of the file).
     * Falls back to line 1, column 1 of the config file.
     */
    public SourceLocation locate(String dottedPath) {
        return nearest(locations, dottedPath, config.source() == null ? ConfigLoader.NO_SOURCE : config.source().toString());
    }

    /** The location of {@code dottedPath} or of its nearest ancestor in {@code locations}, else the start of {@code file}. */
    static SourceLocation nearest(Map<String, SourceLocation> locations, String dottedPath, String file) {
        String path = dottedPath;
        while (true) {
            SourceLocation found = locations.get(path);
            if (found != null) {
                return found;
            }
            if (path.isEmpty()) {
                return SourceLocation.startOf(file);
            }
            int dot = path.lastIndexOf('.');
            path = dot < 0 ? "" : path.substring(0, dot);
        }
    }
}
