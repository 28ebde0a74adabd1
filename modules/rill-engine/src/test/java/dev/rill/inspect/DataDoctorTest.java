package dev.rill.inspect;

import dev.rill.config.ConfigLoader;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDoctorTest {

    @TempDir
    Path dir;

    private static final CorpusStore NO_CORPORA = CorpusStore.fromEnvironment();

    private DoctorReport examine(String data) throws Exception {
        return DataDoctor.examine(InspectConfigs.labelled(dir, data, "{embedding: 4, layers: [{cell: gru, units: 4}]}"), NO_CORPORA);
    }

    private void write(String name, String... lines) throws Exception {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void finds_the_oov_rate_and_the_texts_dev_shares_with_train() throws Exception {
        // Train counts: film 3, good 2, fun 2, boring 2, dull 1, great 1, plot 1. With min_frequency 2 the
        // vocabulary is film, good, fun, boring: dull, great and plot are out of it.
        write("train.tsv", "pos\tgood fun film", "neg\tdull boring film", "pos\tgreat fun", "neg\tboring plot", "pos\tgood film");
        // Dev: 3 + 3 + 4 = 10 tokens; unknown: dull (1), awful unseen movie great (4) = 5.
        write("dev.tsv", "pos\tgood fun film", "neg\tdull boring film", "neg\tawful unseen movie great");
        DoctorReport r = examine("splits: {train: train.tsv, dev: dev.tsv}, min_frequency: 2");

        assertFalse(r.failed(), r.errors().toString());
        DoctorReport.SplitSummary dev = r.splits().get(1);
        assertEquals("dev", dev.name());
        assertEquals(10, dev.tokens());
        assertEquals(5, dev.unknown());
        assertEquals(0.5, dev.oovRate(), 1e-12);
        DoctorReport.SplitSummary train = r.splits().get(0);
        assertEquals(12, train.tokens());
        assertEquals(3, train.unknown());

        DoctorReport.Duplicates d = r.duplicates().get(0);
        assertEquals(2, d.count());
        assertEquals(List.of("dev.tsv:1 = train.tsv:1  good fun film", "dev.tsv:2 = train.tsv:2  dull boring film"), d.examples());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("2 of 3 dev examples")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("50.0% of the dev tokens")), r.warnings().toString());
        assertEquals(Map.of("pos", 3L, "neg", 2L), r.labels().get("train"));
    }

    @Test
    void a_dev_label_train_never_saw_is_an_error_naming_file_and_line() throws Exception {
        write("train.tsv", "pos\tgood", "neg\tbad");
        write("dev.tsv", "pos\tgood", "neg\tbad", "meh\tso so", "meh\tfine");
        DoctorReport r = examine("splits: {train: train.tsv, dev: dev.tsv}");
        assertTrue(r.failed());
        assertEquals(1, r.errors().size(), r.errors().toString());
        String error = r.errors().get(0);
        assertTrue(error.startsWith(dir.resolve("dev.tsv") + ":3: label 'meh'"), error);
        assertTrue(error.contains("1 more"), error);
    }

    @Test
    void a_missing_split_file_and_a_malformed_row_are_errors_and_train_is_still_reported() throws Exception {
        write("train.tsv", "pos\tgood", "neg\tbad");
        write("dev.tsv", "pos\tgood", "no tab on this line");
        write("test.tsv", "pos\tgood");
        RillConfig cfg = InspectConfigs.labelled(dir, "splits: {train: train.tsv, dev: dev.tsv, test: test.tsv}",
                "{embedding: 4, layers: [{cell: gru, units: 4}]}");
        // Validation checks that data.dir's files exist; a file can still go missing before the data is read.
        Files.delete(dir.resolve("test.tsv"));
        DoctorReport r = DataDoctor.examine(cfg, NO_CORPORA);
        assertEquals(2, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).startsWith(dir.resolve("dev.tsv") + ":2: field 'label'"), r.errors().get(0));
        assertTrue(r.errors().get(1).contains("test.tsv") && r.errors().get(1).contains("not found"), r.errors().get(1));
        assertEquals(1, r.splits().size());
        assertEquals(2, r.splits().get(0).examples());
    }

    @Test
    void a_single_training_label_is_an_error() throws Exception {
        write("train.tsv", "pos\tgood", "pos\tbad");
        DoctorReport r = examine("splits: {train: train.tsv}");
        assertTrue(r.failed());
        assertTrue(r.errors().get(0).contains("at least two labels"), r.errors().toString());
    }

    @Test
    void warns_about_a_label_under_one_percent_and_conflicting_duplicates() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            rows.append(i % 2 == 0 ? "a" : "b").append("\ttext ").append(i).append('\n');
        }
        rows.append("c\ttext 0\n"); // line 151: the same text as line 1, another label
        Files.writeString(dir.resolve("train.tsv"), rows);
        DoctorReport r = examine("splits: {train: train.tsv}");
        assertFalse(r.failed());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("label 'c' is 0.66% of train (1 of 151)")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("lines 1 (a), 151 (c) 'text 0'")), r.warnings().toString());
    }

    @Test
    void lengths_get_percentiles_a_histogram_and_a_tbptt_suggestion() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            rows.append(i % 2).append('\t').append("w ".repeat(i <= 90 ? 10 : 300).strip()).append('\n');
        }
        Files.writeString(dir.resolve("train.tsv"), rows);
        DoctorReport r = examine("splits: {train: train.tsv}");
        LengthProfile p = r.lengths();
        assertEquals(10, p.percentiles()[0]);
        assertEquals(300, p.percentiles()[2]);
        assertEquals(300, p.percentiles()[4]);
        assertEquals(LengthProfile.SUGGESTED_TBPTT, p.suggestedTbptt());
        assertEquals(100, p.bins().stream().mapToInt(LengthProfile.Bin::count).sum());
        assertTrue(p.bucketPadding() < p.randomPadding(), p.bucketPadding() + " vs " + p.randomPadding());

        DoctorReport cut = examine("splits: {train: train.tsv}, max_length: 50");
        assertEquals(10, cut.lengths().cut());
        assertEquals(0, cut.lengths().suggestedTbptt());
    }

    @Test
    void a_tagging_split_reports_tag_counts_and_an_unseen_tag_by_sentence_line() throws Exception {
        write("train.tsv", "the\tDET", "dog\tNOUN", "", "a\tDET", "cat\tNOUN", "runs\tVERB");
        write("dev.tsv", "the\tDET", "cat\tNOUN", "", "a\tDET", "zebra\tPROPN");
        Path file = Files.writeString(dir.resolve("t.yaml"), String.join("\n", "task: tagging",
                "data: {dir: ., format: form_tag_tsv, splits: {train: train.tsv, dev: dev.tsv}}",
                "model: {embedding: 4, layers: [{cell: gru, units: 4}]}", ""));
        RillConfig cfg = new ConfigLoader().load(file, List.of()).config();
        DoctorReport r = DataDoctor.examine(cfg, NO_CORPORA);
        assertEquals(Map.of("DET", 2L, "NOUN", 2L, "VERB", 1L), r.labels().get("train"));
        assertEquals(List.of(dir.resolve("dev.tsv") + ":4: label 'PROPN'"), r.errors().stream().map(e -> e.substring(0, e.indexOf("' of") + 1)).toList());
        assertEquals(1, r.splits().get(1).unknown()); // zebra
    }
}
