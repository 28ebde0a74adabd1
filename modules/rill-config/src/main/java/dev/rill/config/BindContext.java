package dev.rill.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** What every binder shares while one config is read: node locations, problems found, paths seen. */
final class BindContext {

    private final NodeLocator locator;
    private final Problems problems;
    private final Map<String, SourceLocation> locations = new LinkedHashMap<>();
    private final ValueReader values;

    BindContext(NodeLocator locator, Problems problems) {
        this.locator = locator;
        this.problems = problems;
        this.values = new ValueReader(this);
    }

    SourceLocation locate(Node node) {
        return locator.locate(node);
    }

    String file() {
        return locator.file();
    }

    Problems problems() {
        return problems;
    }

    ValueReader values() {
        return values;
    }

    /** Remembers where the value at {@code path} was written, for {@link LoadedConfig#locate}. */
    void record(String path, Node node) {
        locations.put(path, locate(node));
    }

    /** Where {@code path} was written, or its nearest written ancestor (for values left to their defaults). */
    SourceLocation locationOf(String path) {
        return LoadedConfig.nearest(locations, path, file());
    }

    Map<String, SourceLocation> locations() {
        return locations;
    }
}
