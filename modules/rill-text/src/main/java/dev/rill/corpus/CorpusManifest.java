package dev.rill.corpus;

import dev.rill.config.DataFormat;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a corpus is, where it comes from, and the exact files it consists of; read from
 * {@code corpora/<name>.yaml} by {@link ManifestReader}. {@code corpora/README.md} documents the
 * YAML.
 *
 * @param name        the name configs use ({@code data.corpus}), e.g. {@code sst2}
 * @param title       a human title
 * @param description what the data is, its splits and its caveats
 * @param licence     licence and what it allows
 * @param citation    the papers to cite, as text
 * @param homepage    the dataset's home page
 * @param downloads   the official download URLs of the whole dataset (archives), possibly none
 * @param format      the format of the split files
 * @param splits      split name ({@code train}, {@code dev}, {@code test}) to file path, in manifest
 *                    order; always has {@code train}, and every path is one of {@code files}
 * @param files       every file of the corpus, in manifest order, paths unique
 * @param source      where the manifest was read from, for messages (a path or a resource name)
 */
public record CorpusManifest(
        String name,
        String title,
        String description,
        Licence licence,
        String citation,
        URI homepage,
        List<URI> downloads,
        DataFormat format,
        Map<String, String> splits,
        List<ManifestFile> files,
        String source) {

    /**
     * The terms a corpus is under.
     *
     * @param name           licence name, or a statement that none is given
     * @param url            the licence text, when it has one
     * @param redistribution what may be redistributed; Rill itself never redistributes corpora
     */
    public record Licence(String name, Optional<URI> url, String redistribution) {
        public Licence {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(redistribution, "redistribution");
        }
    }

    public CorpusManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(homepage, "homepage");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        downloads = List.copyOf(downloads);
        // Map.copyOf would lose the manifest's order, which is the order users expect to see.
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        files = List.copyOf(files);
    }

    /** The file with this path, if the corpus has one. */
    public Optional<ManifestFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The paths of all files, in manifest order. */
    public Set<String> filePaths() {
        Set<String> paths = new LinkedHashSet<>();
        files.forEach(f -> paths.add(f.path()));
        return Collections.unmodifiableSet(paths);
    }
}
