package dev.rill.notebooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner on small fixture notebooks: what each cell prints is captured per cell, and a broken
 * cell fails the notebook with a message that names the notebook, the cell and the line.
 */
class NotebookRunnerTest {

    private static final NotebookRunner RUNNER = Fixtures.runner(Duration.ofMinutes(3));

    @Test
    void captures_what_each_code_cell_prints() throws Exception {
        NotebookRun run = RUNNER.run(Fixtures.read("prints.ipynb"));

        assertEquals(List.of(2, 3, 5, 6), run.cells().stream().map(CellRun::cell).toList());
        assertEquals(List.of(1, 2, 3, 4), run.cells().stream().map(CellRun::executionCount).toList());
        // The %jars line was skipped; the method and the record defined in one cell are used in the next.
        assertEquals("first 42\n", run.cells().get(0).stdout());
        assertEquals("Pair[a=x, b=4]\nline 0\nline 1\n", run.cells().get(1).stdout());
        assertEquals("to stderr\n", run.cells().get(1).stderr());
        assertEquals("", run.cells().get(2).stdout());
        assertEquals("quiet is 6, [naïve, café]\n", run.cells().get(3).stdout());
        assertEquals(run.notebook().codeDigest(), run.codeDigest());
    }

    @Test
    void a_cell_that_does_not_compile_fails_the_notebook_naming_notebook_cell_and_line() throws Exception {
        NotebookException e = assertThrows(NotebookException.class, () -> RUNNER.run(Fixtures.read("broken-cell.ipynb")));

        assertEquals("broken-cell.ipynb", e.notebook());
        assertEquals(4, e.cell());
        assertTrue(e.getMessage().startsWith("broken-cell.ipynb, cell 4 (In [2]), line 2: does not compile: incompatible types:"
                + " int cannot be converted to java.lang.String"), e.getMessage());
        assertTrue(e.getMessage().contains("in: String s = m;"), e.getMessage());
    }

    @Test
    void a_cell_that_throws_fails_the_notebook_with_the_exception() throws Exception {
        NotebookException e = assertThrows(NotebookException.class, () -> RUNNER.run(Fixtures.read("throwing-cell.ipynb")));

        assertTrue(e.getMessage().startsWith("throwing-cell.ipynb, cell 2 (In [2]), line 3: throws java.lang.IndexOutOfBoundsException"),
                e.getMessage());
        assertTrue(e.getMessage().contains("in: String third = names.get(2);"), e.getMessage());
    }

    @Test
    void a_declaration_using_something_never_defined_fails_the_notebook() throws Exception {
        NotebookException e = assertThrows(NotebookException.class, () -> RUNNER.run(Fixtures.read("unresolved.ipynb")));

        assertTrue(e.getMessage().startsWith("unresolved.ipynb, cell 1 (In [1]), line 1: refers to something never defined:"
                + " method undefinedHelper()"), e.getMessage());
    }

    @Test
    void a_magic_the_runner_cannot_stand_in_for_fails_before_anything_runs() throws Exception {
        NotebookException e = assertThrows(NotebookException.class, () -> RUNNER.run(Fixtures.read("unsupported-magic.ipynb")));

        assertTrue(e.getMessage().startsWith("unsupported-magic.ipynb, cell 2 (In [2]), line 2: kernel magic '%load helpers.jsh'"
                + " is not supported by the notebook runner"), e.getMessage());
    }

    @Test
    void a_notebook_running_past_its_time_limit_is_stopped_and_fails() throws Exception {
        long start = System.nanoTime();
        NotebookException e = assertThrows(NotebookException.class,
                () -> Fixtures.runner(Duration.ofSeconds(15)).run(Fixtures.read("endless.ipynb")));

        assertEquals("endless.ipynb, cell 1 (In [1]): still running after the time limit of 15 s; it was stopped", e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(120).toNanos(), "stopped promptly");
    }
}
