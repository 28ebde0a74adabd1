package dev.rill.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a Rill YAML config, applies {@code --set} overrides, fills in defaults and validates it.
 *
 * <p>Binding goes through SnakeYAML's node tree rather than loaded objects so every value keeps its
 * line and column; each problem is reported as {@code FILE:LINE:COLUMN: error[CODE] message}, and all
 * problems are collected before a {@link ConfigException} is thrown, so one run shows everything to
 * fix.
 *
 * <p>Overrides are {@code KEY=VALUE} strings: KEY is a dotted path ({@code training.epochs},
 * {@code model.layers.0.units}, {@code data.splits.train}) and VALUE is read as YAML. They are
 * applied in order to the node tree before binding, so they are validated exactly like the file.
 * A problem in an override is located in the argument itself: the {@link SourceLocation} file is
 * {@code "--set KEY=VALUE"}, its line is 1 and its column points into {@code KEY=VALUE}, for example
 * {@code --set training.epochs=abc:1:17}.
 *
 * <p>Instances hold no state between calls and may be shared.
 */
public final class ConfigLoader {

    /** The file name used in locations when a config is parsed without a source path. */
    static final String NO_SOURCE = "<config>";

    private final CorpusCatalog catalog;
    private final DataSources dataSources;

    /** Whether the data a config names is looked for at load time. */
    enum DataSources {
        /** {@code data.dir} and its files must exist; corpus names are checked against the catalog. */
        CHECK,
        /** Nothing on disk is looked at: the config was valid when it was stored. */
        TRUST
    }

    /** A loader that checks {@code data.corpus} and the corpus's split files against {@code catalog}. */
    public ConfigLoader(CorpusCatalog catalog) {
        this(Objects.requireNonNull(catalog, "catalog"), DataSources.CHECK);
    }

    /** A loader that accepts any corpus name (for tools that do not fetch data). */
    public ConfigLoader() {
        this(null, DataSources.CHECK);
    }

    private ConfigLoader(CorpusCatalog catalog, DataSources dataSources) {
        this.catalog = catalog;
        this.dataSources = dataSources;
    }

    /**
     * A loader for the config stored in a model bundle: every key, type and range is checked as
     * usual, but not whether {@code data.dir} exists here, since a bundle that only predicts may
     * be used on a machine without its training data.
     */
    public static ConfigLoader forBundles() {
        return new ConfigLoader(null, DataSources.TRUST);
    }

    /**
     * Reads {@code file} as UTF-8 and loads it.
     *
     * @param overrides {@code KEY=VALUE} strings from {@code --set}, applied in order (may be empty)
     * @throws ConfigException with every problem found; a missing or unreadable file is one problem at {@code FILE:1:1}
     */
    public LoadedConfig load(Path file, List<String> overrides) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(file, "missing-file", "config file " + file + " does not exist", null);
        } catch (CharacterCodingException e) {
            throw single(file, "unreadable-file", "config file " + file + " is not valid UTF-8", "save it as UTF-8");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw single(file, "unreadable-file", "config file " + file + " cannot be read: " + reason, null);
        }
        return parse(text, file, overrides);
    }

    /**
     * Loads a config from text.
     *
     * @param yamlText  the YAML
     * @param source    the file the text came from, used in locations, for resolving {@code data.dir}
     *                  and for the default {@code output.dir}; {@code null} for text that has no file
     *                  (locations then name {@code <config>})
     * @param overrides {@code KEY=VALUE} strings from {@code --set}, applied in order (may be empty)
     * @throws ConfigException with every problem found
     */
    public LoadedConfig parse(String yamlText, Path source, List<String> overrides) throws ConfigException {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(overrides, "overrides");
        String file = source == null ? NO_SOURCE : source.toString();
        NodeLocator locator = new NodeLocator(file);
        Problems problems = new Problems();
        MappingNode root = rootMapping(yamlText, locator, problems).orElseThrow(() -> problems.toException(file, overrides));

        new Overrides(locator, problems).apply(root, overrides);
        BindContext ctx = new BindContext(locator, problems);
        RillConfig config = new ConfigBinder(ctx, catalog, dataSources).bind(root, source);
        if (!problems.isEmpty() || config == null) {
            throw problems.toException(file, overrides);
        }
        return new LoadedConfig(config, ctx.locations());
    }

    /** The root mapping, or empty with the reason reported (a syntax error, no document, not a mapping). */
    private static Optional<MappingNode> rootMapping(String yamlText, NodeLocator locator, Problems problems) {
        Optional<Node> root = YamlComposer.compose(yamlText, mark -> mark == null
                ? SourceLocation.startOf(locator.file())
                : new SourceLocation(locator.file(), mark.getLine() + 1, mark.getColumn() + 1), problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        // A document marker with nothing under it ("---") composes to a null scalar: just as empty.
        if (root.isEmpty() || root.get() instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
            problems.add(SourceLocation.startOf(locator.file()), "empty-file", "the config is empty",
                    "a config needs at least 'task' and 'data', for example 'task: classification' and 'data: {corpus: sst2}'");
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            problems.add(locator.locate(root.get()), "wrong-type",
                    "the config must be a mapping of sections (task, data, model, training, output), found " + ValueReader.describe(root.get()));
            return Optional.empty();
        }
        return Optional.of(mapping);
    }

    private static ConfigException single(Path file, String code, String message, String hint) {
        Problems problems = new Problems();
        problems.add(SourceLocation.startOf(file.toString()), code, message, hint);
        return problems.toException(file.toString(), List.of());
    }
}
