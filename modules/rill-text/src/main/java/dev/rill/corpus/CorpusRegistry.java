package dev.rill.corpus;

import dev.rill.config.DidYouMean;
import dev.rill.config.CorpusCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The known corpora, by name: the manifests shipped in the jar ({@link #builtIn()}) or those in a
 * folder ({@link #fromDirectory(Path)}).
 *
 * <p>This is the {@link CorpusCatalog} config validation asks, so a config naming an unknown
 * corpus or split file is rejected before anything is fetched.
 */
public final class CorpusRegistry implements CorpusCatalog {

    /** Where the build puts {@code corpora/*.yaml} inside the jar (see rill-text's pom). */
    public static final String RESOURCE_FOLDER = "rill/corpora";

    private static volatile CorpusRegistry shipped;

    private final Map<String, CorpusManifest> manifests;

    private CorpusRegistry(Map<String, CorpusManifest> manifests) {
        this.manifests = Collections.unmodifiableMap(new TreeMap<>(manifests));
    }

    /**
     * A registry of the given manifests.
     *
     * @throws CorpusException when two share a name
     */
    public static CorpusRegistry of(Collection<CorpusManifest> manifests) throws CorpusException {
        Map<String, CorpusManifest> byName = new TreeMap<>();
        for (CorpusManifest manifest : manifests) {
            CorpusManifest previous = byName.put(manifest.name(), manifest);
            if (previous != null) {
                throw new CorpusException("two manifests define corpus '" + manifest.name() + "': "
                        + previous.source() + " and " + manifest.source());
            }
        }
        return new CorpusRegistry(byName);
    }

    /**
     * The manifests shipped with Rill, read from {@code rill/corpora/*.yaml} next to this class
     * (in its jar, or in the build's classes folder).
     *
     * @throws IllegalStateException when a shipped manifest is missing or broken: that is a
     *                               packaging bug, not something a user can fix
     */
    public static CorpusRegistry builtIn() {
        // Read once (the jar cannot change while loaded), but not in a static initialiser: a broken
        // manifest must surface as the documented exception, not an ExceptionInInitializerError.
        CorpusRegistry registry = shipped;
        if (registry == null) {
            synchronized (CorpusRegistry.class) {
                if (shipped == null) {
                    try {
                        shipped = readShipped();
                    } catch (CorpusException | IOException | URISyntaxException e) {
                        throw new IllegalStateException("Rill's shipped corpus manifests cannot be read: "
                                + e.getMessage(), e);
                    }
                }
                registry = shipped;
            }
        }
        return registry;
    }

    /**
     * Every {@code *.yaml} manifest in {@code dir} (not its subfolders). Each file must be named
     * after the corpus it defines ({@code sst2.yaml} defines {@code sst2}), so names stay findable.
     */
    public static CorpusRegistry fromDirectory(Path dir) throws CorpusException {
        if (!Files.isDirectory(dir)) {
            throw new CorpusException("corpus manifest folder " + dir + " does not exist or is not a folder");
        }
        List<CorpusManifest> manifests = new ArrayList<>();
        try {
            for (Path file : yamlFiles(dir)) {
                manifests.add(checkFileName(ManifestReader.read(file), file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new CorpusException("cannot list corpus manifests in " + dir + ": " + e.getMessage(), e);
        }
        return of(manifests);
    }

    /** Known corpus names, sorted. */
    @Override
    public Set<String> names() {
        return manifests.keySet();
    }

    @Override
    public boolean knows(String corpusName) {
        return manifests.containsKey(corpusName);
    }

    /** The file paths of the corpus, relative to its folder, in manifest order. */
    @Override
    public Optional<Set<String>> files(String corpusName) {
        return find(corpusName).map(CorpusManifest::filePaths);
    }

    /** The manifest of this corpus, if known. */
    public Optional<CorpusManifest> find(String corpusName) {
        return Optional.ofNullable(manifests.get(corpusName));
    }

    /**
     * The manifest of this corpus.
     *
     * @throws CorpusException when unknown, e.g. {@code unknown corpus 'sst' (did you mean 'sst2'?);
     *                         known: imdb, sst2, tinyshakespeare, ud_english_ewt}
     */
    public CorpusManifest require(String corpusName) throws CorpusException {
        CorpusManifest manifest = manifests.get(corpusName);
        if (manifest == null) {
            throw new CorpusException("unknown corpus '" + corpusName + "'"
                    + DidYouMean.suffix(corpusName, names()) + "; known: " + String.join(", ", names()));
        }
        return manifest;
    }

    private static CorpusRegistry readShipped() throws CorpusException, IOException, URISyntaxException {
        // Listing resources needs the location of the jar or folder holding them; this class lives in
        // the same one, so its code source finds it both in a plain jar, a shaded jar and target/classes.
        URL location = CorpusRegistry.class.getProtectionDomain().getCodeSource().getLocation();
        Path root = Path.of(location.toURI());
        return readShipped(root);
    }

    /** The manifests under {@code rill/corpora/} of a classes folder or a jar. */
    static CorpusRegistry readShipped(Path classesFolderOrJar) throws CorpusException, IOException {
        if (Files.isDirectory(classesFolderOrJar)) {
            return readResourceFolder(classesFolderOrJar.resolve(RESOURCE_FOLDER));
        }
        try (FileSystem jar = FileSystems.newFileSystem(classesFolderOrJar)) {
            return readResourceFolder(jar.getPath("/" + RESOURCE_FOLDER));
        }
    }

    private static CorpusRegistry readResourceFolder(Path folder) throws CorpusException, IOException {
        if (!Files.isDirectory(folder)) {
            throw new CorpusException("no folder " + RESOURCE_FOLDER + " at " + folder.toUri());
        }
        List<CorpusManifest> manifests = new ArrayList<>();
        for (Path file : yamlFiles(folder)) {
            String resource = RESOURCE_FOLDER + "/" + file.getFileName();
            try (InputStream in = Files.newInputStream(file);
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                manifests.add(checkFileName(ManifestReader.read(reader, resource), file.getFileName().toString()));
            }
        }
        if (manifests.isEmpty()) {
            throw new CorpusException("no manifests in " + folder);
        }
        return of(manifests);
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static CorpusManifest checkFileName(CorpusManifest manifest, String fileName) throws CorpusException {
        if (!fileName.equals(manifest.name() + ".yaml")) {
            throw new CorpusException(manifest.source() + ": defines corpus '" + manifest.name()
                    + "' but is named " + fileName + "; rename it to " + manifest.name() + ".yaml");
        }
        return manifest;
    }

    @Override
    public String toString() {
        return "CorpusRegistry" + names();
    }
}
