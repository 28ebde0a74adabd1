package dev.rill.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the config (the root, {@code data}, {@code model.layers.0}, ...) seen by a
 * binder: typed reads by key that fall back to a default when the key is absent or its value is
 * wrong (after reporting the problem, so binding goes on and every problem is found).
 *
 * <p>A section may be absent from the file; it then reads every key as absent, and problems about
 * it (a missing required key) are located at its nearest written ancestor.
 */
final class YamlSection {

    private final BindContext ctx;
    private final String path;
    private final MappingNode mapping;
    private final SourceLocation where;
    /** Written as something other than a mapping, which is reported; then nothing in it is "missing" too. */
    private final boolean wrongType;

    private YamlSection(BindContext ctx, String path, MappingNode mapping, SourceLocation where, boolean wrongType) {
        this.ctx = ctx;
        this.path = path;
        this.mapping = mapping;
        this.where = where;
        this.wrongType = wrongType;
    }

    /** The section written as {@code mapping} at {@code path} ({@code ""} for the root). */
    static YamlSection of(BindContext ctx, String path, MappingNode mapping) {
        ctx.record(path, mapping);
        return new YamlSection(ctx, path, mapping, ctx.locate(mapping), false);
    }

    private static YamlSection absent(BindContext ctx, String path, SourceLocation where) {
        return new YamlSection(ctx, path, null, where, false);
    }

    /** Where the mapping starts (or, when absent, where its parent does). */
    SourceLocation where() {
        return where;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    BindContext context() {
        return ctx;
    }

    /** Reports keys that are not in {@code keys} (suggesting the closest) and keys given twice. */
    void allowOnly(List<String> keys) {
        for (ScalarNode keyNode : distinctKeys()) {
            String key = keyNode.getValue();
            if (!keys.contains(key)) {
                String place = path.isEmpty() ? "at the top level" : "in " + path;
                ctx.problems().add(ctx.locate(keyNode), "unknown-key",
                        "unknown key '" + key + "' " + place + DidYouMean.suffix(key, keys), "valid keys: " + String.join(", ", keys));
            }
        }
    }

    /**
     * The keys of the mapping, each once, in written order. Keys that are not plain scalars, and
     * keys given twice (YAML would silently keep the last), are reported.
     */
    private List<ScalarNode> distinctKeys() {
        if (mapping == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<ScalarNode> keys = new ArrayList<>();
        String place = path.isEmpty() ? "" : " in " + path;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                ctx.problems().add(ctx.locate(keyNode), "wrong-type",
                        "keys" + place + " must be plain names, found " + ValueReader.describe(keyNode));
            } else if (!seen.add(scalar.getValue())) {
                ctx.problems().add(ctx.locate(keyNode), "duplicate-key",
                        "key '" + scalar.getValue() + "' is given twice" + place, "keep one of them");
            } else {
                keys.add(scalar);
            }
        }
        return keys;
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** The value written for {@code key} (the last one, if given twice), recording its location. */
    Optional<Node> value(String key) {
        if (mapping == null) {
            return Optional.empty();
        }
        Node found = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                found = tuple.getValueNode();
            }
        }
        if (found != null) {
            ctx.record(pathOf(key), found);
        }
        return Optional.ofNullable(found);
    }

    /**
     * Reports that a required key is absent, at this mapping; not when the section itself was the
     * wrong type, since fixing that is the first step and this would only repeat it.
     */
    void missing(String message) {
        if (!wrongType) {
            ctx.problems().add(where, "missing-key", message, null);
        }
    }

    int integer(String key, int fallback, Range range) {
        return value(key).flatMap(n -> ctx.values().integer(n, pathOf(key), range)).orElse(fallback);
    }

    long longInteger(String key, long fallback) {
        return value(key).flatMap(n -> ctx.values().longInteger(n, pathOf(key))).orElse(fallback);
    }

    double decimal(String key, double fallback, Range range) {
        return value(key).flatMap(n -> ctx.values().decimal(n, pathOf(key), range)).orElse(fallback);
    }

    boolean flag(String key, boolean fallback) {
        return value(key).flatMap(n -> ctx.values().flag(n, pathOf(key))).orElse(fallback);
    }

    String string(String key, String fallback) {
        return value(key).flatMap(n -> ctx.values().string(n, pathOf(key))).orElse(fallback);
    }

    /** A string that may be left out or written as {@code null}; both read as empty. */
    Optional<String> optionalString(String key) {
        return value(key).filter(n -> !isNull(n)).flatMap(n -> ctx.values().string(n, pathOf(key)));
    }

    /** One of an enum's YAML names; {@code fallback} (which may be null) when absent or invalid. */
    <E extends Enum<E>> E choice(String key, E fallback, E[] values, Function<E, String> yamlName) {
        return value(key).flatMap(n -> ctx.values().choice(n, pathOf(key), values, yamlName)).orElse(fallback);
    }

    /**
     * The mapping under {@code key}. Absent, or written empty ({@code training:} with every line
     * commented out), it reads as an empty section; any other value is reported as the wrong type.
     */
    YamlSection section(String key) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return absent(ctx, pathOf(key), where);
        }
        if (node.get() instanceof MappingNode child) {
            return of(ctx, pathOf(key), child);
        }
        if (isNull(node.get())) {
            return absent(ctx, pathOf(key), ctx.locate(node.get()));
        }
        ctx.values().wrongType(node.get(), pathOf(key), "a mapping");
        return new YamlSection(ctx, pathOf(key), null, ctx.locate(node.get()), true);
    }

    /** The items of the list under {@code key}, or empty when absent or not a list (reported). */
    Optional<List<Node>> list(String key) {
        return value(key).flatMap(node -> {
            if (node instanceof SequenceNode sequence) {
                return Optional.of(sequence.getValue());
            }
            ctx.values().wrongType(node, pathOf(key), "a list");
            return Optional.empty();
        });
    }

    /** Whether this section was written as a mapping (not absent, empty or of another type). */
    boolean present() {
        return mapping != null;
    }

    /** This section as a mapping of names to strings (such as {@code splits}), in written order; entries of the wrong type are reported and left out. */
    Map<String, String> asStringMap() {
        Map<String, String> result = new LinkedHashMap<>();
        for (ScalarNode name : distinctKeys()) {
            String value = string(name.getValue(), null);
            if (value != null) {
                result.put(name.getValue(), value);
            }
        }
        return result;
    }

    /** Whether {@code key} is written with a value other than null. */
    boolean isSet(String key) {
        return value(key).filter(n -> !isNull(n)).isPresent();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
