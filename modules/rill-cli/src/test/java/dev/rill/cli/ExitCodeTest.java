package dev.rill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitCodeTest {

    @TempDir
    Path dir;

    @Test
    void help_exits_zero_and_lists_the_commands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (String cmd : new String[] {"train", "evaluate", "predict", "config", "corpus"}) {
            assertTrue(r.out().contains(cmd), r.out());
        }
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        assertEquals(2, CliRun.of("train", "--bogus").code());
    }

    @Test
    void an_invalid_config_exits_two_with_file_line_column() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "task: classification\ndata:\n  corpus: sst2\ntraining:\n  epochz: 3\n");
        CliRun r = CliRun.of("config", "validate", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":5:3:"), r.err());
        assertTrue(r.err().contains("epochs"), r.err());
    }

    @Test
    void a_valid_config_validates() {
        CliRun r = CliRun.of("config", "validate", Path.of(System.getProperty("rill.project.dir", "../.."), "configs/sentiment-sst2.yaml").toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void a_malformed_data_line_exits_two_naming_file_and_line() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), "1\tgood\n0\tbad\nno tab here\n");
        Path cfg = Files.writeString(dir.resolve("c.yaml"),
                "task: classification\ndata:\n  dir: .\n  splits: {train: train.tsv}\n  tokenizer: whitespace\n");
        CliRun r = CliRun.of("train", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("train.tsv:3: field 'label'"), r.err());
        assertTrue(Files.notExists(dir.resolve("run/model.rill")));
    }

    @Test
    void a_classifier_on_a_tagging_format_exits_two_with_the_fix() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), "1\tgood\n0\tbad\n");
        Path cfg = Files.writeString(dir.resolve("c.yaml"),
                "task: classification\ndata:\n  dir: .\n  format: conllu\n  splits: {train: train.tsv}\n");
        CliRun r = CliRun.of("train", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("set data.format: label_text_tsv"), r.err());
    }

    @Test
    void a_missing_bundle_exits_two() {
        CliRun r = CliRun.of("evaluate", dir.resolve("nope.rill").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.rill"), r.err());
    }

    @Test
    void an_unknown_corpus_exits_two() {
        CliRun r = CliRun.of("corpus", "fetch", "sst");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sst2"), r.err());
    }
}
