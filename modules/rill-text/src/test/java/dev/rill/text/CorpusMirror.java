package dev.rill.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared corpus mirror for the tests that read real data. */
final class CorpusMirror {

    private CorpusMirror() {
    }

    /**
     * The {@code rill.corpus.mirror} property (surefire sets it), else {@code shared/corpora} beside
     * the working folder or one of its ancestors; skips the test when neither exists.
     */
    static Path find() {
        Optional<Path> found = Optional.ofNullable(System.getProperty("rill.corpus.mirror"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(Files::isDirectory);
        for (Path dir = Path.of("").toAbsolutePath(); found.isEmpty() && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpora");
            if (Files.isDirectory(candidate)) {
                found = Optional.of(candidate);
            }
        }
        assumeTrue(found.isPresent(), "the shared corpus mirror (../shared/corpora) is not available");
        return found.get().toAbsolutePath().normalize();
    }
}
