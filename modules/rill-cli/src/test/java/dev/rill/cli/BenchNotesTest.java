package dev.rill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchNotesTest {

    @TempDir
    Path dir;

    @Test
    void a_rerun_keeps_the_notes_section_and_replaces_the_rest() throws Exception {
        Path report = Files.writeString(dir.resolve("r.md"), "# Old\n\n| old table |\n\n## Notes\n\nWhat was tried.\n");
        assertEquals("\n## Notes\n\nWhat was tried.\n", BenchCommand.AccuracyBench.keptNotes(report));
        assertEquals("", BenchCommand.AccuracyBench.keptNotes(Files.writeString(dir.resolve("n.md"), "# Table only\n")));
        assertEquals("", BenchCommand.AccuracyBench.keptNotes(dir.resolve("missing.md")));
    }
}
