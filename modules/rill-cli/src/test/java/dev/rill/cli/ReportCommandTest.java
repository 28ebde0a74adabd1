package dev.rill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void builds_the_report_of_a_run_directory_and_prints_its_path() throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), """
                {"kind":"step","epoch":1,"step":1,"loss":0.9}
                {"kind":"epoch","epoch":1,"train_loss":0.9,"dev_metric":"accuracy","dev_score":0.61}
                """);
        CliRun r = CliRun.of("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("report: " + dir.resolve("report.html"), r.lastLine());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("dev accuracy per epoch"), html);
    }

    @Test
    void a_folder_that_is_not_a_run_directory_exits_two_saying_so() {
        CliRun r = CliRun.of("report", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("rill: " + dir + ": not a run directory"), r.err());
        assertTrue(Files.notExists(dir.resolve("report.html")));
    }

    @Test
    void a_malformed_metrics_line_exits_two_naming_file_and_line() throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"kind\":\"epoch\",\"epoch\":1}\nnot json\n{\"kind\":\"final\"}\n");
        CliRun r = CliRun.of("report", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dir.resolve("metrics.jsonl") + ":2: not a JSON object"), r.err());
    }

    @Test
    void the_command_is_listed_in_the_help() {
        CliRun r = CliRun.of("--help");
        assertTrue(r.out().contains("\n  report    Rebuild RUN_DIR/report.html"), r.out());
    }
}
