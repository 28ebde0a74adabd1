package dev.rill.corpus;

import dev.rill.config.DidYouMean;
import dev.rill.config.DataFormat;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates one corpus manifest.
 *
 * <p>It works on SnakeYAML's node tree rather than binding to objects because the nodes keep the
 * line and column of every key and value: each problem is reported as
 * {@code FILE:LINE:COLUMN: message} (1-based), pointing at the offending value, so a manifest
 * author can jump straight to it. Unknown keys are errors (with a suggestion), not ignored, because
 * a misspelt {@code sha256} or {@code url} would otherwise silently weaken verification.
 */
public final class ManifestReader {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> TOP_KEYS = List.of("name", "title", "description", "licence", "citation",
            "homepage", "downloads", "format", "splits", "files");
    private static final List<String> LICENCE_KEYS = List.of("name", "url", "redistribution");
    private static final List<String> FILE_KEYS = List.of("path", "format", "sha256", "bytes", "url", "derived_from");

    private final String source;

    private ManifestReader(String source) {
        this.source = source;
    }

    /** Reads a manifest file (UTF-8); messages name it by {@code file} as given. */
    public static CorpusManifest read(Path file) throws CorpusException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new CorpusException(file + ": cannot read corpus manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a manifest from {@code reader}.
     *
     * @param source what to call it in messages and in {@link CorpusManifest#source()}
     */
    public static CorpusManifest read(Reader reader, String source) throws CorpusException {
        return new ManifestReader(source).parse(reader);
    }

    private CorpusManifest parse(Reader reader) throws CorpusException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new CorpusException(at(mark) + "not valid YAML: " + problem, e);
        } catch (YAMLException e) {
            throw new CorpusException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new CorpusException(source + ":1:1: the manifest is empty");
        }
        Map<String, NodeTuple> top = mapping(root, "a corpus manifest", TOP_KEYS);

        String name = string(required(top, "name", root));
        if (!NAME.matcher(name).matches()) {
            throw error(top.get("name").getValueNode(),
                    "name '" + name + "' must be lowercase letters, digits and '_', starting with a letter");
        }
        DataFormat format = format(required(top, "format", root));
        List<ManifestFile> files = files(required(top, "files", root));
        Map<String, ManifestFile> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));

        return new CorpusManifest(
                name,
                string(required(top, "title", root)),
                string(required(top, "description", root)),
                licence(required(top, "licence", root)),
                string(required(top, "citation", root)),
                url(required(top, "homepage", root)),
                top.containsKey("downloads") ? urls(top.get("downloads").getValueNode()) : List.of(),
                format,
                splits(required(top, "splits", root), format, byPath),
                files,
                source);
    }

    private CorpusManifest.Licence licence(Node node) throws CorpusException {
        Map<String, NodeTuple> map = mapping(node, "the licence", LICENCE_KEYS);
        return new CorpusManifest.Licence(
                string(required(map, "name", node)),
                map.containsKey("url") ? Optional.of(url(map.get("url").getValueNode())) : Optional.empty(),
                string(required(map, "redistribution", node)));
    }

    private List<URI> urls(Node node) throws CorpusException {
        List<URI> urls = new ArrayList<>();
        for (Node item : sequence(node, "downloads")) {
            urls.add(url(item));
        }
        return urls;
    }

    private List<ManifestFile> files(Node node) throws CorpusException {
        List<ManifestFile> files = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Node> items = sequence(node, "files");
        if (items.isEmpty()) {
            throw error(node, "files must list at least one file");
        }
        for (Node item : items) {
            Map<String, NodeTuple> map = mapping(item, "a file entry", FILE_KEYS);
            Node pathNode = required(map, "path", item);
            String path = path(pathNode);
            if (!seen.add(path)) {
                throw error(pathNode, "file '" + path + "' is listed twice");
            }
            Node shaNode = required(map, "sha256", item);
            String sha = string(shaNode).toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha).matches()) {
                throw error(shaNode, "sha256 must be 64 hex digits (as printed by sha256sum), got '" + string(shaNode) + "'");
            }
            Optional<URI> url = map.containsKey("url") ? Optional.of(url(map.get("url").getValueNode())) : Optional.empty();
            Optional<String> derivedFrom = map.containsKey("derived_from")
                    ? Optional.of(string(map.get("derived_from").getValueNode())) : Optional.empty();
            if (url.isEmpty() && derivedFrom.isEmpty()) {
                throw error(item, "file '" + path + "' needs a url (a direct download of exactly these bytes) "
                        + "or derived_from (how it is made from the official data)");
            }
            files.add(new ManifestFile(
                    path,
                    map.containsKey("format") ? Optional.of(format(map.get("format").getValueNode())) : Optional.empty(),
                    sha,
                    bytes(required(map, "bytes", item)),
                    url,
                    derivedFrom));
        }
        return files;
    }

    private Map<String, String> splits(Node node, DataFormat format, Map<String, ManifestFile> files)
            throws CorpusException {
        Map<String, NodeTuple> map = mapping(node, "splits", null);
        Map<String, String> splits = new LinkedHashMap<>();
        for (NodeTuple tuple : map.values()) {
            String split = string(tuple.getKeyNode());
            if (!NAME.matcher(split).matches()) {
                throw error(tuple.getKeyNode(), "split name '" + split + "' must be lowercase letters, digits and '_'");
            }
            Node value = tuple.getValueNode();
            String path = string(value);
            ManifestFile file = files.get(path);
            if (file == null) {
                throw error(value, "split '" + split + "' names '" + path + "', which is not in files"
                        + DidYouMean.suffix(path, files.keySet()));
            }
            if (file.format().isEmpty() || file.format().get() != format) {
                throw error(value, "split '" + split + "' file '" + path + "' must have format: " + format.yamlName()
                        + " (the corpus format), but has "
                        + file.format().map(DataFormat::yamlName).orElse("no format"));
            }
            splits.put(split, path);
        }
        if (!splits.containsKey("train")) {
            throw error(node, "splits must name a train file");
        }
        return splits;
    }

    // ---- typed values -------------------------------------------------------------------------

    /** The entries of a mapping by key, rejecting duplicate keys and (when {@code allowed} is given) unknown ones. */
    private Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) throws CorpusException {
        if (!(node instanceof MappingNode mappingNode)) {
            throw error(node, what + " must be a mapping (key: value lines)");
        }
        Map<String, NodeTuple> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            String key = string(tuple.getKeyNode());
            if (allowed != null && !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what
                        + DidYouMean.suffix(key, allowed) + "; allowed: " + String.join(", ", allowed));
            }
            if (map.put(key, tuple) != null) {
                throw error(tuple.getKeyNode(), "duplicate key '" + key + "'");
            }
        }
        return map;
    }

    private Node required(Map<String, NodeTuple> map, String key, Node parent) throws CorpusException {
        NodeTuple tuple = map.get(key);
        if (tuple == null) {
            throw error(parent, "missing required key '" + key + "'");
        }
        return tuple.getValueNode();
    }

    private List<Node> sequence(Node node, String what) throws CorpusException {
        if (!(node instanceof SequenceNode sequenceNode)) {
            throw error(node, what + " must be a list ('- ' items)");
        }
        return sequenceNode.getValue();
    }

    private String string(Node node) throws CorpusException {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, "expected a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
        }
        String value = scalar.getValue().strip();
        if (scalar.getTag().equals(Tag.NULL) || value.isEmpty()) {
            throw error(node, "value must not be empty");
        }
        return value;
    }

    private long bytes(Node node) throws CorpusException {
        String text = string(node);
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(node, "bytes must be a whole number >= 0 (the file size), got '" + text + "'");
    }

    private URI url(Node node) throws CorpusException {
        String text = string(node);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw error(node, "expected an http(s) URL, got '" + text + "'");
    }

    private DataFormat format(Node node) throws CorpusException {
        String text = string(node);
        List<String> names = Arrays.stream(DataFormat.values()).map(DataFormat::yamlName).collect(Collectors.toList());
        for (DataFormat format : DataFormat.values()) {
            if (format.yamlName().equals(text)) {
                return format;
            }
        }
        throw error(node, "unknown format '" + text + "'" + DidYouMean.suffix(text, names)
                + "; known: " + String.join(", ", names));
    }

    /** A safe relative path: the store resolves it under its own folders, so it must not escape them. */
    private String path(Node node) throws CorpusException {
        String path = string(node);
        if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
            throw error(node, "path '" + path + "' must be relative and '/'-separated");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                throw error(node, "path '" + path + "' has an empty segment or one starting with '.' "
                        + "('.', '..' and dot-files are reserved)");
            }
        }
        return path;
    }

    private CorpusException error(Node node, String message) {
        return new CorpusException(at(node.getStartMark()) + message);
    }

    private String at(Mark mark) {
        if (mark == null) {
            return source + ": ";
        }
        return source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }
}
