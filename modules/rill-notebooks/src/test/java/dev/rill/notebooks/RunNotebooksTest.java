package dev.rill.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/run-notebooks: real runs saved into the notebook; a failing notebook is left untouched. */
class RunNotebooksTest {

    @TempDir
    Path dir;

    @Test
    void saves_each_cells_printed_output_into_the_notebook() throws Exception {
        Path file = Fixtures.copy("prints.ipynb", dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = RunNotebooks.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, file.toString());

        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("prints.ipynb: saved"), out.toString(StandardCharsets.UTF_8));
        Notebook saved = Notebook.read(file);
        assertEquals(List.of(1, 2, 3, 4), saved.executionCounts());
        assertEquals("first 42\n", saved.savedStream(1, "stdout"));
        assertEquals("to stderr\n", saved.savedStream(2, "stderr"));
        assertEquals("quiet is 6, [naïve, café]\n", saved.savedStream(4, "stdout"));
        assertEquals(saved.codeDigest(), saved.savedCodeDigest());
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), saved.toJson(), "saved in Jupyter's layout");
    }

    @Test
    void a_notebook_with_a_broken_cell_is_reported_and_left_unchanged() throws Exception {
        Path file = Fixtures.copy("broken-cell.ipynb", dir);
        byte[] before = Files.readAllBytes(file);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = RunNotebooks.run(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), file.toString());

        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("broken-cell.ipynb, cell 4 (In [2]), line 2: does not compile"),
                err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
