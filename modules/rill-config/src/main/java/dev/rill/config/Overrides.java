package dev.rill.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies {@code --set KEY=VALUE} overrides to the composed node tree before binding, so an
 * override is validated exactly like the file. KEY is a dotted path whose numeric parts index
 * lists ({@code model.layers.0.units}); VALUE is YAML ({@code 64}, {@code x.tsv}, {@code [a, b]}).
 * Missing mappings on the way are created; list entries are not (an index must already exist).
 * Overrides are applied in order, so a later one wins.
 */
final class Overrides {

    private final NodeLocator locator;
    private final Problems problems;

    Overrides(NodeLocator locator, Problems problems) {
        this.locator = locator;
        this.problems = problems;
    }

    void apply(MappingNode root, List<String> overrides) {
        for (String argument : overrides) {
            apply(root, argument);
        }
    }

    private void apply(MappingNode root, String argument) {
        int equals = argument.indexOf('=');
        if (equals < 0) {
            reject(argument, 0, "override '" + argument + "' has no '='", "write --set KEY=VALUE, for example --set training.epochs=1");
            return;
        }
        String key = argument.substring(0, equals);
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                reject(argument, 0, "'" + key + "' is not a dotted key path", "for example training.epochs or model.layers.0.units");
                return;
            }
        }
        Optional<Node> value = composeValue(argument, equals + 1);
        value.ifPresent(node -> set(root, argument, parts, node));
    }

    private Optional<Node> composeValue(String argument, int offset) {
        String text = argument.substring(offset);
        int before = problems.count();
        Optional<Node> node = YamlComposer.compose(text, mark -> NodeLocator.inOverride(argument, offset, mark), problems);
        if (problems.count() > before) {
            return Optional.empty();
        }
        // An empty VALUE (training.tbptt=) is YAML null, as it would be in the file.
        Node result = node.orElseGet(() -> new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN));
        locator.registerOverride(result, argument, offset);
        return Optional.of(result);
    }

    /** Walks {@code parts} from {@code root}, creating missing mappings, and puts {@code value} at the end. */
    private void set(MappingNode root, String argument, String[] parts, Node value) {
        Node current = root;
        int offset = 0;
        for (int i = 0; i < parts.length && current != null; i++) {
            Node replacement = i == parts.length - 1 ? value : null;
            if (current instanceof MappingNode mapping) {
                current = stepIntoMapping(mapping, argument, offset, parts, i, replacement);
            } else if (current instanceof SequenceNode sequence) {
                current = stepIntoList(sequence, argument, offset, parts, i, replacement);
            } else {
                reject(argument, offset, "cannot set " + prefix(parts, parts.length) + ": " + prefix(parts, i) + " is "
                        + ValueReader.describe(current) + ", not a mapping or list", null);
                current = null;
            }
            offset += parts[i].length() + 1;
        }
    }

    /**
     * The child of {@code mapping} at {@code parts[i]}, or {@code replacement} put there when not
     * null; null after a reported problem.
     */
    private Node stepIntoMapping(MappingNode mapping, String argument, int offset, String[] parts, int i, Node replacement) {
        List<NodeTuple> tuples = mapping.getValue();
        int index = lastIndexOf(tuples, parts[i]);
        if (replacement != null) {
            put(mapping, index, keyNode(parts[i], argument, offset), replacement);
            return replacement;
        }
        Node child = index < 0 ? null : tuples.get(index).getValueNode();
        if (child != null && !isNull(child)) {
            return child;
        }
        if (parseIndex(parts[i + 1]) >= 0) {
            // model.layers is the only list in the schema, hence the concrete example.
            String listPath = prefix(parts, i + 1);
            reject(argument, offset, "cannot set " + prefix(parts, parts.length) + ": " + listPath
                    + " is not in the config, so it has no entry " + parts[i + 1],
                    "set the whole list instead, for example --set '" + listPath + "=[{cell: lstm, units: 64}]'");
            return null;
        }
        MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        locator.registerOverride(created, argument, offset);
        put(mapping, index, keyNode(parts[i], argument, offset), created);
        return created;
    }

    /** Like {@link #stepIntoMapping}, for an index into a list; the entry must already exist. */
    private Node stepIntoList(SequenceNode sequence, String argument, int offset, String[] parts, int i, Node replacement) {
        List<Node> items = sequence.getValue();
        int index = parseIndex(parts[i]);
        if (index < 0 || index >= items.size()) {
            String listPath = prefix(parts, i);
            reject(argument, offset, "cannot set " + prefix(parts, i + 1) + ": " + listPath + " has " + items.size()
                    + (items.size() == 1 ? " entry" : " entries") + (items.isEmpty() ? "" : " (0 to " + (items.size() - 1) + ")"),
                    "set the whole list to add entries, for example --set '" + listPath + "=[{units: 64}, {units: 64}]'");
            return null;
        }
        if (replacement != null) {
            items.set(index, replacement);
            return replacement;
        }
        return items.get(index);
    }

    /** The first {@code count} parts as a dotted path. */
    private static String prefix(String[] parts, int count) {
        return String.join(".", Arrays.copyOfRange(parts, 0, count));
    }

    private void put(MappingNode mapping, int index, ScalarNode key, Node value) {
        if (index < 0) {
            mapping.getValue().add(new NodeTuple(key, value));
        } else {
            mapping.getValue().set(index, new NodeTuple(mapping.getValue().get(index).getKeyNode(), value));
        }
    }

    private ScalarNode keyNode(String name, String argument, int offset) {
        ScalarNode key = new ScalarNode(Tag.STR, name, null, null, DumperOptions.ScalarStyle.PLAIN);
        locator.registerOverride(key, argument, offset);
        return key;
    }

    private void reject(String argument, int offset, String message, String hint) {
        problems.add(NodeLocator.inOverride(argument, offset, null), "invalid-override", message, hint);
    }

    private static int lastIndexOf(List<NodeTuple> tuples, String key) {
        for (int i = tuples.size() - 1; i >= 0; i--) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static int parseIndex(String part) {
        if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(part);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
