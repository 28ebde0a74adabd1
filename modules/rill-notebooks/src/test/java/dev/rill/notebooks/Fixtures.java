package dev.rill.notebooks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The fixture notebooks in src/test/resources/notebooks and a runner for them. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/notebooks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Notebook read(String name) throws IOException {
        return Notebook.read(path(name));
    }

    /** A copy of fixture {@code name} in {@code dir}, for tools that rewrite notebooks. */
    static Path copy(String name, Path dir) throws IOException {
        return Files.copy(path(name), dir.resolve(name));
    }

    static NotebookRunner runner(Duration limit) {
        return new NotebookRunner(NotebookRunner.Settings.fromThisJvm(limit));
    }
}
