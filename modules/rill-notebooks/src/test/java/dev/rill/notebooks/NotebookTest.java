package dev.rill.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NotebookTest {

    @TempDir
    Path dir;

    @Test
    void writes_a_notebook_byte_for_byte_as_jupyter_saved_it() throws Exception {
        // The fixture was written by Python's json.dump(indent=1, sort_keys=True, ensure_ascii=False), as Jupyter saves.
        Path file = Fixtures.path("prints.ipynb");

        assertEquals(Files.readString(file, StandardCharsets.UTF_8), Notebook.read(file).toJson());
    }

    @Test
    void reads_cells_in_order_with_their_position() throws Exception {
        Notebook nb = Fixtures.read("broken-cell.ipynb");

        assertEquals(List.of("markdown", "code", "markdown", "code", "code"), nb.cells().stream().map(Notebook.Cell::type).toList());
        assertEquals("int n = 1;\nSystem.out.println(\"fine\");", nb.cells().get(1).source());
        assertEquals(4, nb.cells().get(3).index());
    }

    @Test
    void saves_outputs_with_execution_counts_and_the_digest_of_the_code_that_ran() throws Exception {
        Notebook nb = Fixtures.read("broken-cell.ipynb");
        NotebookRun run = new NotebookRun(nb, nb.codeDigest(), List.of(
                new CellRun(2, 1, "fine\n", "", Duration.ZERO),
                new CellRun(4, 2, "a\nb", "warn\n", Duration.ZERO),
                new CellRun(5, 3, "", "", Duration.ZERO)), Duration.ZERO);
        Path file = dir.resolve("out.ipynb");

        nb.withOutputs(run).write(file);

        Notebook saved = Notebook.read(file);
        assertEquals(List.of(1, 2, 3), saved.executionCounts());
        assertEquals("a\nb", saved.savedStream(2, "stdout"));
        assertEquals("warn\n", saved.savedStream(2, "stderr"));
        assertEquals(nb.codeDigest(), saved.savedCodeDigest());
        JsonNode cell = new ObjectMapper().readTree(file.toFile()).get("cells").get(3);
        assertEquals("[\"a\\n\",\"b\"]", cell.get("outputs").get(0).get("text").toString());
        assertEquals(0, cell.get("outputs").get(1).path("execution_count").asInt(0));
        assertEquals("[]", new ObjectMapper().readTree(file.toFile()).get("cells").get(4).get("outputs").toString());
    }

    @Test
    void a_notebook_never_run_has_no_saved_digest_and_editing_code_changes_the_digest() throws Exception {
        Notebook a = Fixtures.read("broken-cell.ipynb");
        Notebook b = Fixtures.read("throwing-cell.ipynb");

        assertNull(a.savedCodeDigest());
        assertNotEquals(a.codeDigest(), b.codeDigest());
    }

    @Test
    void refuses_outputs_of_a_run_of_other_code() throws Exception {
        Notebook nb = Fixtures.read("broken-cell.ipynb");
        NotebookRun other = new NotebookRun(nb, Fixtures.read("throwing-cell.ipynb").codeDigest(), List.of(), Duration.ZERO);

        assertThrows(IllegalArgumentException.class, () -> nb.withOutputs(other));
    }

    @Test
    void rejects_files_that_are_not_nbformat_4_notebooks() throws Exception {
        Path file = Files.writeString(dir.resolve("old.ipynb"), "{\"nbformat\": 3, \"worksheets\": []}");

        assertThrows(java.io.IOException.class, () -> Notebook.read(file));
    }
}
