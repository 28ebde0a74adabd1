package dev.rill.corpus;

import dev.rill.config.DidYouMean;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Makes the files of a corpus available on disk, each one checked against its manifest's size and
 * sha256, from a local mirror or by downloading into a cache.
 *
 * <h2>Where files come from</h2>
 * <ul>
 *   <li><b>With a mirror</b> (a folder laid out as {@code <mirror>/<corpus>/<path>}, like the
 *       shared corpus folder), the mirror replaces the network entirely. By default
 *       ({@link MirrorMode#IN_PLACE}) its files are used where they are: they are verified and
 *       {@link #fetch} returns {@code <mirror>/<corpus>}. Copying would put another 65 MB per IMDB
 *       into every cache for no gain, and a mirror is typically read-only shared storage, which
 *       cannot change under us without the stamp noticing. {@link MirrorMode#COPY} copies into the
 *       cache instead, for mirrors on slow or removable storage.</li>
 *   <li><b>Without a mirror</b>, each file with a direct {@code url} is downloaded through the
 *       {@link Downloader} into {@code <cache>/<corpus>/<path>}. Files that are derived from an
 *       official archive have no direct URL; then fetching fails up front, before downloading
 *       anything, with a message explaining how to get them.</li>
 * </ul>
 *
 * <h2>Integrity</h2>
 * Every file written into the cache first goes to a temporary file in the same folder, is checked
 * for size and sha256, and is then renamed onto its final name atomically; on any failure the
 * temporary file is deleted. So the cache never holds a half-written or unverified file under a
 * real name, even when a download breaks off, and a file already in the cache with the right
 * checksum is kept, whoever put it there (so prepared files can also be dropped in by hand).
 *
 * <p>Hashing is remembered in {@code <cache>/<corpus>/.verified} (sha256, size and modification
 * time per file), so later runs only re-hash files whose size or time changed. {@link #verify}
 * ignores that record and re-hashes everything.
 *
 * <p>Instances are immutable and may be shared; concurrent fetches of the same corpus are safe
 * (each writes its own temporary files and the renames are atomic), merely wasteful.
 */
public final class CorpusStore {

    /** System property naming the mirror folder; takes precedence over {@link #MIRROR_ENV}. */
    public static final String MIRROR_PROPERTY = "rill.corpus.mirror";
    /** Environment variable naming the mirror folder. */
    public static final String MIRROR_ENV = "RILL_CORPUS_MIRROR";
    /** Environment variable naming Rill's cache root; corpora go to its {@code corpora} subfolder. */
    public static final String CACHE_ENV = "RILL_CACHE";

    /** How a mirror is used. */
    public enum MirrorMode {
        /** Verify the mirror's files and read them where they are (the default). */
        IN_PLACE,
        /** Copy the mirror's files into the cache, verified, and read them there. */
        COPY
    }

    private static final String HOW_TO_MIRROR =
            "--mirror DIR, RILL_CORPUS_MIRROR=DIR or -D" + MIRROR_PROPERTY + "=DIR";

    private final CorpusRegistry registry;
    private final Path cacheDir;
    private final Optional<Path> mirror;
    private final Downloader downloader;
    private final MirrorMode mirrorMode;

    /**
     * A store for Rill's shipped corpora ({@link CorpusRegistry#builtIn()}) using a mirror in place.
     *
     * @param cacheDir   folder of the cache; {@code <cacheDir>/<corpus>/} holds each corpus
     * @param mirror     folder laid out as {@code <mirror>/<corpus>/<path>}; when present, nothing
     *                   is downloaded
     * @param downloader used for files with a {@code url} when there is no mirror
     */
    public CorpusStore(Path cacheDir, Optional<Path> mirror, Downloader downloader) {
        this(CorpusRegistry.builtIn(), cacheDir, mirror, downloader, MirrorMode.IN_PLACE);
    }

    /** A store for the corpora of {@code registry}; see {@link #CorpusStore(Path, Optional, Downloader)}. */
    public CorpusStore(CorpusRegistry registry, Path cacheDir, Optional<Path> mirror, Downloader downloader,
                       MirrorMode mirrorMode) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.mirrorMode = Objects.requireNonNull(mirrorMode, "mirrorMode");
    }

    /**
     * The store as the environment configures it, with an {@link HttpDownloader}:
     * <ul>
     *   <li>cache: {@code $RILL_CACHE/corpora}, else {@code $XDG_CACHE_HOME/rill/corpora}, else
     *       {@code ~/.cache/rill/corpora};</li>
     *   <li>mirror: system property {@code rill.corpus.mirror}, else environment variable
     *       {@code RILL_CORPUS_MIRROR}, else none (blank values count as unset).</li>
     * </ul>
     */
    public static CorpusStore fromEnvironment() {
        return new CorpusStore(
                defaultCacheDir(System.getenv(), Path.of(System.getProperty("user.home"))),
                mirrorFrom(System.getenv(), System.getProperties()),
                new HttpDownloader());
    }

    /** The cache folder {@link #fromEnvironment()} uses, from these environment variables and home folder. */
    static Path defaultCacheDir(Map<String, String> env, Path home) {
        String rillCache = env.get(CACHE_ENV);
        if (rillCache != null && !rillCache.isBlank()) {
            return Path.of(rillCache).resolve("corpora");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("rill").resolve("corpora");
    }

    /** The mirror {@link #fromEnvironment()} uses, from these environment variables and system properties. */
    static Optional<Path> mirrorFrom(Map<String, String> env, Properties properties) {
        String value = properties.getProperty(MIRROR_PROPERTY);
        if (value == null || value.isBlank()) {
            value = env.get(MIRROR_ENV);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** The same store reading from {@code mirrorDir} instead of its configured mirror or the network. */
    public CorpusStore withMirror(Path mirrorDir) {
        return new CorpusStore(registry, cacheDir, Optional.of(mirrorDir), downloader, mirrorMode);
    }

    public CorpusRegistry registry() {
        return registry;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Optional<Path> mirror() {
        return mirror;
    }

    public MirrorMode mirrorMode() {
        return mirrorMode;
    }

    /**
     * The folder that holds (or will hold) the corpus's files: {@code <mirror>/<name>} when a mirror
     * is used in place, else {@code <cache>/<name>}. Nothing is checked.
     */
    public Path location(String name) {
        return usesMirrorInPlace() ? mirror.get().resolve(name) : cacheDir.resolve(name);
    }

    /**
     * Makes every file of the corpus available and verified, fetching what is missing or wrong.
     *
     * @return the corpus folder, see {@link #location(String)}
     * @throws CorpusException when the corpus is unknown, a file is missing from the mirror, cannot
     *                         be downloaded (or has no URL and there is no mirror), or does not
     *                         match its checksum
     */
    public Path fetch(String name) throws CorpusException {
        CorpusManifest manifest = registry.require(name);
        return fetch(manifest, manifest.files());
    }

    /**
     * One file of the corpus, fetched (alone) if need be.
     *
     * @param fileName a path listed in the manifest, e.g. {@code train.tsv} or {@code original/glue/dev.tsv}
     */
    public Path file(String name, String fileName) throws CorpusException {
        CorpusManifest manifest = registry.require(name);
        ManifestFile file = manifest.file(fileName).orElseThrow(() -> new CorpusException(
                "corpus '" + name + "' has no file '" + fileName + "'"
                        + DidYouMean.suffix(fileName, manifest.filePaths())
                        + "; its files: " + String.join(", ", manifest.filePaths())));
        return fetch(manifest, List.of(file)).resolve(file.path());
    }

    /** The file of a split ({@code train}, {@code dev}, {@code test}), fetched if need be. */
    public Path split(String name, String split) throws CorpusException {
        CorpusManifest manifest = registry.require(name);
        String path = manifest.splits().get(split);
        if (path == null) {
            throw new CorpusException("corpus '" + name + "' has no split '" + split + "'"
                    + DidYouMean.suffix(split, manifest.splits().keySet())
                    + "; its splits: " + String.join(", ", manifest.splits().keySet()));
        }
        return file(name, path);
    }

    /**
     * Re-hashes every file of the corpus where {@link #fetch} would put it, without fetching.
     *
     * @return the corpus folder
     * @throws CorpusException listing every missing or mismatching file
     */
    public Path verify(String name) throws CorpusException {
        CorpusManifest manifest = registry.require(name);
        Path dir = location(name);
        VerifiedStamp stamp = VerifiedStamp.load(stampFile(name));
        List<String> problems = new ArrayList<>();
        for (ManifestFile file : manifest.files()) {
            Path path = dir.resolve(file.path());
            if (!Files.isRegularFile(path)) {
                problems.add("missing " + path);
                stamp.forget(path);
                continue;
            }
            FileCheck.Actual actual = measure(name, file, path);
            if (FileCheck.matches(actual, file)) {
                record(stamp, name, path, actual.sha256());
            } else {
                problems.add(FileCheck.mismatch(name, file, actual, path.toString()));
                stamp.forget(path);
            }
        }
        stamp.saveQuietly();
        if (!problems.isEmpty()) {
            String fix = usesMirrorInPlace()
                    ? "Repair the mirror " + mirror.get() + " from the sources in " + manifest.source()
                    : "Run the fetch again to replace them";
            throw new CorpusException("corpus '" + name + "' in " + dir + " failed verification ("
                    + problems.size() + " of " + manifest.files().size() + " files):\n  "
                    + String.join("\n  ", problems) + "\n" + fix + ".");
        }
        return dir;
    }

    private boolean usesMirrorInPlace() {
        return mirror.isPresent() && mirrorMode == MirrorMode.IN_PLACE;
    }

    private Path stampFile(String name) {
        return cacheDir.resolve(name).resolve(VerifiedStamp.FILE_NAME);
    }

    private Path fetch(CorpusManifest manifest, List<ManifestFile> files) throws CorpusException {
        return usesMirrorInPlace() ? useMirrorInPlace(manifest, files) : fillCache(manifest, files);
    }

    private Path useMirrorInPlace(CorpusManifest manifest, List<ManifestFile> files) throws CorpusException {
        checkMirrorHas(manifest, files);
        Path dir = location(manifest.name());
        VerifiedStamp stamp = VerifiedStamp.load(stampFile(manifest.name()));
        for (ManifestFile file : files) {
            Path path = dir.resolve(file.path());
            if (stamp.vouchesFor(path, file.sha256(), file.bytes())) {
                continue;
            }
            FileCheck.Actual actual = measure(manifest.name(), file, path);
            if (!FileCheck.matches(actual, file)) {
                stamp.forget(path);
                stamp.saveQuietly();
                throw new CorpusException(FileCheck.mismatch(manifest.name(), file, actual, "mirror file " + path)
                        + ". The mirror holds a different or damaged file; replace it (see "
                        + manifest.source() + " for its source).");
            }
            record(stamp, manifest.name(), path, actual.sha256());
        }
        stamp.saveQuietly();
        return dir;
    }

    private Path fillCache(CorpusManifest manifest, List<ManifestFile> files) throws CorpusException {
        String name = manifest.name();
        Path dir = cacheDir.resolve(name);
        VerifiedStamp stamp = VerifiedStamp.load(stampFile(name));
        List<ManifestFile> needed = new ArrayList<>();
        for (ManifestFile file : files) {
            Path path = dir.resolve(file.path());
            if (Files.isRegularFile(path)) {
                if (stamp.vouchesFor(path, file.sha256(), file.bytes())) {
                    continue;
                }
                FileCheck.Actual actual = measure(name, file, path);
                if (FileCheck.matches(actual, file)) {
                    record(stamp, name, path, actual.sha256());
                    continue;
                }
                stamp.forget(path);  // damaged or stale: fetched again below, replacing it atomically
            }
            needed.add(file);
        }
        if (mirror.isPresent()) {
            checkMirrorHas(manifest, needed);
        } else {
            checkDownloadable(manifest, needed);
        }
        try {
            for (ManifestFile file : needed) {
                Path target = dir.resolve(file.path());
                String sha256 = FileInstaller.install(name, file, target, sourceOf(name, file));
                record(stamp, name, target, sha256);
                stamp.saveQuietly();  // after each file, so an interrupted fetch keeps what it verified
            }
        } finally {
            stamp.saveQuietly();
        }
        return dir;
    }

    private FileInstaller.Source sourceOf(String name, ManifestFile file) {
        if (mirror.isPresent()) {
            Path from = mirror.get().resolve(name).resolve(file.path());
            return new FileInstaller.Source() {
                @Override
                public void writeTo(Path temp) throws IOException {
                    Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
                }

                @Override
                public String describe() {
                    return "mirror file " + from;
                }
            };
        }
        URI url = file.url().orElseThrow();  // checkDownloadable ran first
        return new FileInstaller.Source() {
            @Override
            public void writeTo(Path temp) throws IOException {
                downloader.download(url, temp);
            }

            @Override
            public String describe() {
                return url.toString();
            }

            @Override
            public String failureHint() {
                return ". Check the network connection, or use a local copy of the corpus with " + HOW_TO_MIRROR;
            }
        };
    }

    /** Fails before anything is downloaded when some needed file can only come from a mirror. */
    private void checkDownloadable(CorpusManifest manifest, List<ManifestFile> needed) throws CorpusException {
        List<ManifestFile> derived = needed.stream().filter(f -> !f.downloadable()).collect(Collectors.toList());
        if (derived.isEmpty()) {
            return;
        }
        String name = manifest.name();
        StringBuilder message = new StringBuilder("cannot download corpus '" + name + "': ")
                .append(derived.size() == 1 ? "this file is derived from the official data and has"
                        : "these files are derived from the official data and have")
                .append(" no direct download URL:");
        for (ManifestFile file : derived) {
            message.append("\n  ").append(file.path()).append(": ")
                    .append(file.derivedFrom().orElse("").replaceAll("\\s+", " ").strip());
        }
        message.append("\nUse a folder that holds a prepared copy, laid out as DIR/").append(name)
                .append("/<file>, with ").append(HOW_TO_MIRROR).append('.');
        if (!manifest.downloads().isEmpty()) {
            message.append(" Or get the official data from ").append(manifest.downloads().stream()
                            .map(URI::toString).collect(Collectors.joining(" or ")))
                    .append(" (see ").append(manifest.homepage()).append(')');
        } else {
            message.append(" Or get the official data (see ").append(manifest.homepage()).append(')');
        }
        message.append(", build the files as described above and put them into ").append(cacheDir.resolve(name))
                .append("; files there with the right sha256 are kept.");
        throw new CorpusException(message.toString());
    }

    private void checkMirrorHas(CorpusManifest manifest, List<ManifestFile> files) throws CorpusException {
        if (files.isEmpty()) {
            return;
        }
        Path root = mirror.get();
        if (!Files.isDirectory(root)) {
            throw new CorpusException("corpus mirror folder " + root + " does not exist; check " + HOW_TO_MIRROR);
        }
        Path dir = root.resolve(manifest.name());
        if (!Files.isDirectory(dir)) {
            throw new CorpusException("corpus mirror " + root + " has no folder '" + manifest.name()
                    + "'; the files of corpus '" + manifest.name() + "' should be at " + dir + "/<file>");
        }
        List<String> missing = files.stream().map(ManifestFile::path)
                .filter(path -> !Files.isRegularFile(dir.resolve(path)))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new CorpusException("corpus mirror " + dir + " lacks " + missing.size() + " file(s) of corpus '"
                    + manifest.name() + "': " + String.join(", ", missing)
                    + "; copy them there (see " + manifest.source() + " for their sources)");
        }
    }

    private static FileCheck.Actual measure(String corpus, ManifestFile file, Path path) throws CorpusException {
        try {
            return FileCheck.measure(path);
        } catch (IOException e) {
            throw new CorpusException("cannot read " + corpus + "/" + file.path() + " at " + path + ": " + e, e);
        }
    }

    private static void record(VerifiedStamp stamp, String corpus, Path path, String sha256) throws CorpusException {
        try {
            stamp.record(path, sha256);
        } catch (IOException e) {
            throw new CorpusException("cannot read " + corpus + " file " + path + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "CorpusStore[cache=" + cacheDir + ", mirror=" + mirror.map(Path::toString).orElse("none")
                + (mirror.isPresent() ? " (" + mirrorMode + ")" : "") + "]";
    }
}
