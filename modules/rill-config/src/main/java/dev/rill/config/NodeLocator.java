package dev.rill.config;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a YAML node into the {@link SourceLocation} a user should look at.
 *
 * <p>Nodes composed from the config file carry 0-based marks into it. Nodes that came from a
 * {@code --set} override carry marks into the override's value text (or none, for mappings the
 * override had to create), so they are registered here with the argument and the offset at which
 * their text starts; they are located inside that argument instead.
 */
final class NodeLocator {

    /** Where an override's text starts: the argument and the 0-based offset inside it. */
    private record Origin(String argument, int offset) {
    }

    private final String file;
    private final Map<Node, Origin> overrideNodes = new IdentityHashMap<>();

    NodeLocator(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /**
     * Marks {@code node} and everything under it as coming from the override {@code argument}
     * ({@code KEY=VALUE}), whose text for {@code node} starts at {@code offset}.
     */
    void registerOverride(Node node, String argument, int offset) {
        Origin origin = new Origin(argument, offset);
        register(node, origin);
    }

    private void register(Node node, Origin origin) {
        if (overrideNodes.put(node, origin) != null) {
            return; // already seen: an alias, or a cycle
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                register(tuple.getKeyNode(), origin);
                register(tuple.getValueNode(), origin);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> register(item, origin));
        }
    }

    SourceLocation locate(Node node) {
        Origin origin = overrideNodes.get(node);
        Mark mark = node.getStartMark();
        if (origin != null) {
            return inOverride(origin.argument(), origin.offset(), mark);
        }
        return mark == null ? SourceLocation.startOf(file) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The {@link SourceLocation#file()} of problems in override {@code argument}: the option as typed. */
    static String overrideLabel(String argument) {
        return "--set " + argument;
    }

    /** A location inside override {@code argument} for text starting at {@code offset}; {@code mark} may be null. */
    static SourceLocation inOverride(String argument, int offset, Mark mark) {
        String label = overrideLabel(argument);
        if (mark == null) {
            return new SourceLocation(label, 1, offset + 1);
        }
        int column = mark.getLine() == 0 ? offset + mark.getColumn() : mark.getColumn();
        return new SourceLocation(label, mark.getLine() + 1, column + 1);
    }
}
