package dev.rill.config;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one typed value from one node, reporting a problem and returning empty when the node
 * does not hold that type. Types come from the tag SnakeYAML resolved, so {@code "5"} (quoted) is a
 * string, not an integer: the config is strict rather than guessing, and says how to fix it.
 */
final class ValueReader {

    /** Exposes SnakeYAML's own scalar construction, so {@code 1_000}, {@code 0x10} and {@code 1e-3} mean what YAML says. */
    private static final class Numbers extends SafeConstructor {
        Numbers() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }

    private static final Resolver RESOLVER = new Resolver();
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final BindContext ctx;
    private final Numbers numbers = new Numbers();

    ValueReader(BindContext ctx) {
        this.ctx = ctx;
    }

    Optional<Integer> integer(Node node, String path, Range range) {
        return wholeNumber(node, path, "an integer").flatMap(value -> {
            if (value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0) {
                outOfRange(node, path, range, value + " does not fit a 32-bit integer");
                return Optional.empty();
            }
            return inRange(node, path, range, value.intValue(), value.toString());
        });
    }

    Optional<Long> longInteger(Node node, String path) {
        return wholeNumber(node, path, "an integer").flatMap(value -> {
            if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
                ctx.problems().add(ctx.locate(node), "out-of-range", path + " must fit a 64-bit integer, got " + value);
                return Optional.empty();
            }
            return Optional.of(value.longValue());
        });
    }

    /** A real number; integers are accepted, since {@code learning_rate: 1} plainly means 1.0. */
    Optional<Double> decimal(Node node, String path, Range range) {
        if (!hasTag(node, Tag.INT) && !hasTag(node, Tag.FLOAT)) {
            wrongType(node, path, "a number");
            return Optional.empty();
        }
        Optional<Object> constructed = construct(node, path, "a number");
        if (constructed.isEmpty()) {
            return Optional.empty();
        }
        double value = ((Number) constructed.get()).doubleValue();
        if (!Double.isFinite(value)) {
            outOfRange(node, path, range, "a finite number is needed");
            return Optional.empty();
        }
        return inRange(node, path, range, value, scalarText(node));
    }

    Optional<Boolean> flag(Node node, String path) {
        String text = scalarText(node);
        if (hasTag(node, Tag.BOOL) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        if (hasTag(node, Tag.BOOL)) {
            ctx.problems().add(ctx.locate(node), "wrong-type", path + " must be true or false, found '" + text + "'",
                    "YAML 1.1 also reads yes/no/on/off as booleans; Rill asks for true or false so nothing is read by surprise");
        } else {
            wrongType(node, path, "true or false");
        }
        return Optional.empty();
    }

    Optional<String> string(Node node, String path) {
        if (hasTag(node, Tag.STR)) {
            return Optional.of(scalarText(node));
        }
        wrongType(node, path, "a string");
        return Optional.empty();
    }

    /** One of an enum's YAML names; the message lists them all and suggests the closest. */
    <E extends Enum<E>> Optional<E> choice(Node node, String path, E[] values, Function<E, String> yamlName) {
        List<String> names = Arrays.stream(values).map(yamlName).toList();
        String allowed = String.join(", ", names);
        if (!(node instanceof ScalarNode) || hasTag(node, Tag.NULL)) {
            ctx.problems().add(ctx.locate(node), "wrong-type", path + " must be one of " + allowed + ", found " + describe(node));
            return Optional.empty();
        }
        String text = scalarText(node);
        for (E value : values) {
            if (yamlName.apply(value).equals(text)) {
                return Optional.of(value);
            }
        }
        ctx.problems().add(ctx.locate(node), "invalid-value",
                path + " must be one of " + allowed + ", got '" + text + "'" + DidYouMean.suffix(text, names));
        return Optional.empty();
    }

    /** Reports that {@code node} is not {@code expected} (an article and a noun: "a mapping"). */
    void wrongType(Node node, String path, String expected) {
        ctx.problems().add(ctx.locate(node), "wrong-type", path + " must be " + expected + ", found " + describe(node),
                quotingHint(node, expected));
    }

    /** What a node holds, in words: {@code a mapping}, {@code the string '5'}, {@code null}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String text = scalarText(node);
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        if (Tag.INT.equals(tag)) {
            return "the integer " + text;
        }
        if (Tag.FLOAT.equals(tag)) {
            return "the number " + text;
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + text;
        }
        if (Tag.STR.equals(tag)) {
            return "the string '" + text + "'";
        }
        return "'" + text + "' (" + tag.getValue() + ")";
    }

    private Optional<BigInteger> wholeNumber(Node node, String path, String expected) {
        if (!hasTag(node, Tag.INT)) {
            wrongType(node, path, expected);
            return Optional.empty();
        }
        return construct(node, path, expected)
                .map(value -> value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue()));
    }

    /**
     * SnakeYAML's value for a scalar. Only an explicit tag on text that does not fit it
     * ({@code !!int abc}) makes this fail, since implicit tags come from matching the text.
     */
    private Optional<Object> construct(Node node, String path, String expected) {
        try {
            return Optional.of(numbers.construct((ScalarNode) node));
        } catch (RuntimeException e) {
            ctx.problems().add(ctx.locate(node), "invalid-value", path + " must be " + expected + ", got '" + scalarText(node) + "'");
            return Optional.empty();
        }
    }

    private <T extends Number> Optional<T> inRange(Node node, String path, Range range, T value, String shown) {
        if (range.contains(value.doubleValue())) {
            return Optional.of(value);
        }
        outOfRange(node, path, range, "got " + shown);
        return Optional.empty();
    }

    private void outOfRange(Node node, String path, Range range, String detail) {
        ctx.problems().add(ctx.locate(node), "out-of-range", path + " must be " + range.describe() + ", " + detail);
    }

    /** A hint for the commonest wrong-type slip: a number or boolean written in quotes, or a string that YAML read as something else. */
    private static String quotingHint(Node node, String expected) {
        if (!(node instanceof ScalarNode scalar)) {
            return null;
        }
        boolean quoted = !scalar.isPlain();
        Tag unquoted = RESOLVER.resolve(NodeId.scalar, scalar.getValue(), true);
        boolean wouldFit = Tag.INT.equals(unquoted) || Tag.FLOAT.equals(unquoted) || Tag.BOOL.equals(unquoted);
        if (quoted && wouldFit && Tag.STR.equals(node.getTag()) && !expected.equals("a string")) {
            return "remove the quotes: a quoted value is always a string";
        }
        if (expected.equals("a string") && !Tag.NULL.equals(node.getTag())) {
            return "quote it to make it a string: '" + scalar.getValue() + "'";
        }
        if (expected.equals("an integer") && Tag.FLOAT.equals(node.getTag())) {
            return "write a whole number, such as " + Math.round(Double.parseDouble(safeDouble(scalar.getValue())));
        }
        return null;
    }

    private static String safeDouble(String text) {
        String plain = text.replace("_", "").toLowerCase(Locale.ROOT);
        return plain.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?") ? plain : "0";
    }

    private static boolean hasTag(Node node, Tag tag) {
        return node instanceof ScalarNode && tag.equals(node.getTag());
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "";
    }
}
