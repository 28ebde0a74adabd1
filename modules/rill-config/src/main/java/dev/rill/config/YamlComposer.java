package dev.rill.config;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes YAML text into a node tree (which keeps line and column marks, unlike loaded objects),
 * turning SnakeYAML's exceptions into a {@code yaml-syntax} problem at the mark it gives.
 */
final class YamlComposer {

    /** Where a syntax problem in the composed text is reported; the mark may be null. */
    @FunctionalInterface
    interface MarkLocator {
        SourceLocation locate(Mark mark);
    }

    private YamlComposer() {
    }

    /** The root node, or empty when the text holds no document (then nothing is reported) or has a syntax error (reported). */
    static Optional<Node> compose(String text, MarkLocator locator, Problems problems) {
        try {
            return Optional.ofNullable(new Yaml(new LoaderOptions()).compose(new StringReader(stripByteOrderMark(text))));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(locator.locate(mark), "yaml-syntax", describe(e), "check indentation, colons and quotes around this point");
        } catch (YAMLException e) {
            problems.add(locator.locate(null), "yaml-syntax", "the YAML could not be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** SnakeYAML's context and problem, without its multi-line snippet: the location already points there. */
    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        return e.getContext() == null ? problem : e.getContext() + ": " + problem;
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
