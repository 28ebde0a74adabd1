package dev.rill.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small fake corpora and the real shared mirror, for the corpus tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** A file of a fake corpus: its bytes, and a URL or (when url is null) a derived_from note. */
    record FakeFile(String path, String content, String url) {
        byte[] bytes() {
            return content.getBytes(StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Manifest YAML for a fake corpus whose split train is its first file (format plain_text). */
    static String manifestYaml(String name, List<FakeFile> files) {
        StringBuilder yaml = new StringBuilder()
                .append("name: ").append(name).append('\n')
                .append("title: Fake ").append(name).append('\n')
                .append("description: a corpus made up for tests\n")
                .append("licence: {name: CC0, redistribution: allowed}\n")
                .append("citation: nobody\n")
                .append("homepage: https://example.org/").append(name).append('\n')
                .append("downloads: [https://example.org/").append(name).append(".zip]\n")
                .append("format: plain_text\n")
                .append("splits: {train: ").append(files.get(0).path()).append("}\n")
                .append("files:\n");
        for (FakeFile file : files) {
            yaml.append("  - path: ").append(file.path()).append('\n')
                    .append("    format: plain_text\n")
                    .append("    sha256: ").append(sha256(file.bytes())).append('\n')
                    .append("    bytes: ").append(file.bytes().length).append('\n');
            if (file.url() != null) {
                yaml.append("    url: ").append(file.url()).append('\n');
            } else {
                yaml.append("    derived_from: the first half of ").append(name).append(".zip\n");
            }
        }
        return yaml.toString();
    }

    static CorpusRegistry registryOf(String name, List<FakeFile> files) throws CorpusException {
        return CorpusRegistry.of(List.of(ManifestReader.read(new StringReader(manifestYaml(name, files)), name + ".yaml")));
    }

    /** Writes the files as a mirror folder {@code <mirror>/<name>/<path>}; returns {@code <mirror>}. */
    static Path writeMirror(Path mirror, String name, List<FakeFile> files) throws IOException {
        for (FakeFile file : files) {
            Path path = mirror.resolve(name).resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.write(path, file.bytes());
        }
        return mirror;
    }

    /** Every regular file under {@code dir}, relative, sorted ('/'-separated). */
    static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * The shared corpus mirror: the {@code rill.corpus.mirror} property (surefire passes it), else
     * {@code shared/corpora} beside an ancestor of the working folder; skips the test when absent.
     */
    static Path realMirror() {
        Optional<Path> found = Optional.ofNullable(System.getProperty(CorpusStore.MIRROR_PROPERTY))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(Files::isDirectory);
        if (found.isEmpty()) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null && found.isEmpty(); dir = dir.getParent()) {
                Path candidate = dir.resolve("shared").resolve("corpora");
                if (Files.isDirectory(candidate)) {
                    found = Optional.of(candidate);
                }
            }
        }
        assumeTrue(found.isPresent(), "the shared corpus mirror (../shared/corpora) is not available");
        return found.get().toAbsolutePath().normalize();
    }
}
