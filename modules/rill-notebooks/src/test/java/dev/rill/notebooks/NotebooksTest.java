package dev.rill.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The notebooks in {@code notebooks/}: each runs from its first code cell to its last against the
 * freshly built modules (the test's class path), and the outputs saved in it belong to its code.
 *
 * <p>Their data comes from the corpus mirror ({@code rill.corpus.mirror}, set by the build) or is
 * written by the notebook itself; each is sized to take a minute or two on 2 cores.
 */
class NotebooksTest {

    private static final NotebookRunner RUNNER = new NotebookRunner(NotebookRunner.Settings.fromThisJvm(Duration.ofMinutes(10)));

    static Path notebooksDir() {
        // Maven sets rill.project.dir; run from an IDE, the working folder is this module's.
        return Path.of(System.getProperty("rill.project.dir", "../..")).resolve("notebooks");
    }

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(notebooksDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @Test
    void the_guided_notebooks_are_there() throws IOException {
        assertEquals(List.of("01-sentiment.ipynb", "02-tagging.ipynb", "03-generation.ipynb", "04-anatomy-of-a-recurrent-net.ipynb"),
                notebooks().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void every_code_cell_runs_without_a_compile_error_or_exception(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        NotebookRun run;
        try {
            run = RUNNER.run(notebook);
        } catch (NotebookException e) {
            fail(e.getMessage());
            return;
        }
        System.out.printf(Locale.ROOT, "%s ran in %.1f s%n", notebook.name(), run.time().toMillis() / 1000.0);
        // Outputs differ from run to run (timings), but a cell that printed when the outputs were saved must still print.
        for (CellRun cell : run.cells()) {
            if (!notebook.savedStream(cell.executionCount(), "stdout").isEmpty()) {
                assertFalse(cell.stdout().isEmpty(), notebook.name() + ", cell " + cell.cell() + " (In [" + cell.executionCount()
                        + "]) printed output when it was saved, and printed nothing now");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void saved_outputs_come_from_a_run_of_the_code_beside_them(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);

        assertEquals(notebook.codeDigest(), notebook.savedCodeDigest(), notebook.name()
                + ": its code is not the code its saved outputs came from; save a fresh run with bin/run-notebooks " + file);
        int codeCells = notebook.executionCounts().size();
        assertEquals(IntStream.rangeClosed(1, codeCells).boxed().toList(), notebook.executionCounts(),
                notebook.name() + ": every code cell executed once, in order");
    }
}
