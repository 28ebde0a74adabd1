package dev.rill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rill plan, doctor and diagnose gradients on small corpora written by the tests. */
class InspectCommandsTest {

    @TempDir
    Path dir;

    private Path config(String data, String model, String training) throws Exception {
        return Files.writeString(dir.resolve("c.yaml"), String.join("\n", "task: classification",
                "data: {dir: ., tokenizer: whitespace, " + data + "}", "model: " + model, "training: " + training, ""));
    }

    /** The line of a printed table that starts with {@code row} (after the index column). */
    private static String row(String out, String row) {
        return Arrays.stream(out.split("\n")).filter(l -> l.length() > 4 && l.substring(4).startsWith(row)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + row + "' in\n" + out));
    }

    private static long lastNumber(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[parts.length - 1].replace(",", ""));
    }

    @Test
    void help_lists_the_inspect_commands() {
        CliRun r = CliRun.of("--help");
        for (String cmd : new String[] {"plan", "doctor", "diagnose"}) {
            assertTrue(r.out().contains("  " + cmd + " "), r.out());
        }
    }

    @Test
    void plan_prints_each_layer_with_its_parameter_count() throws Exception {
        // 7 distinct words + <pad> + <unk> = 9 embedding rows; 2 labels.
        Files.writeString(dir.resolve("train.tsv"), "1\ta good fun film\n0\ta dull slow film\n1\tgood plot\n");
        Path cfg = config("splits: {train: train.tsv}", "{embedding: 4, layers: [{cell: lstm, units: 5}, {cell: gru, units: 3}]}",
                "{batch_size: 8}");
        CliRun r = CliRun.of("plan", cfg.toString());
        assertEquals(0, r.code(), r.err());
        long v = 9;
        long embedding = v * 4;
        long lstm = 4 * (4 * 5 + 5 * 5 + 5);
        long gru = 3 * (5 * 3 + 3 * 3 + 2 * 3);
        long output = 3 * 2 + 2;
        assertEquals(embedding, lastNumber(row(r.out(), "embedding 9 x 4")));
        assertEquals(lstm, lastNumber(row(r.out(), "lstm 5")));
        assertEquals(gru, lastNumber(row(r.out(), "gru 3")));
        assertEquals(output, lastNumber(row(r.out(), "output softmax")));
        assertEquals(embedding + lstm + gru + output, lastNumber(row(r.out(), "total")));
        String lstmRow = row(r.out(), "lstm 5"); // longest example: 4 tokens
        assertTrue(lstmRow.matches(".*\\[8, 4, 4] +\\[8, 5, 4] .*"), lstmRow);
        assertTrue(r.out().contains("vocabulary: 9 words, 2 labels, built from train.tsv"), r.out());
        assertTrue(r.out().contains("sequence length: 4 steps (the longest training example"), r.out());
        assertTrue(r.out().contains("updater state"), r.out());
    }

    @Test
    void plan_without_data_uses_the_vocabulary_cap_and_exits_two_over_the_memory_limit() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), "1\tgood\n0\tbad\n");
        Path cfg = config("splits: {train: train.tsv}, vocab_size: 1000", "{embedding: 16, layers: [{cell: gru, units: 16}]}",
                "{batch_size: 64}");
        CliRun fits = CliRun.of("plan", cfg.toString(), "--no-data", "--length", "100", "--max-memory", "1GiB");
        assertEquals(0, fits.code(), fits.err());
        assertEquals(1000 * 16, lastNumber(row(fits.out(), "embedding 1000 x 16")));
        assertTrue(fits.out().contains("at most 1,000 words (data.vocab_size; --no-data"), fits.out());

        CliRun tooBig = CliRun.of("plan", cfg.toString(), "--no-data", "--length", "100", "--max-memory", "1MiB");
        assertEquals(2, tooBig.code(), tooBig.err());
        assertTrue(tooBig.err().contains("more than the 1.0 MiB of --max-memory"), tooBig.err());
        assertTrue(tooBig.err().contains("training.batch_size"), tooBig.err());
        assertTrue(tooBig.out().contains("DOES NOT FIT"), tooBig.out());

        CliRun noLength = CliRun.of("plan", cfg.toString(), "--no-data");
        assertEquals(2, noLength.code());
        assertTrue(noLength.err().contains("--length"), noLength.err());
    }

    @Test
    void doctor_reports_duplicates_and_oov_and_exits_two_on_a_label_train_never_saw() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), "1\tgood fun film\n0\tdull film\n");
        Files.writeString(dir.resolve("dev.tsv"), "1\tgood fun film\n0\tawful film\n");
        Path cfg = config("splits: {train: train.tsv, dev: dev.tsv}", "{embedding: 4, layers: [{cell: gru, units: 4}]}", "{batch_size: 2}");
        CliRun ok = CliRun.of("doctor", cfg.toString());
        assertEquals(0, ok.code(), ok.err());
        // dev: 5 tokens, 'awful' unknown.
        assertTrue(ok.out().lines().anyMatch(l -> l.startsWith("dev ") && l.contains(" 20.00% ")), ok.out());
        assertTrue(ok.out().contains("dev examples also in train: 1\n  dev.tsv:1 = train.tsv:1  good fun film"), ok.out());
        assertTrue(ok.out().contains("0 errors, 2 warnings"), ok.out()); // OOV above 10% and the duplicate

        Files.writeString(dir.resolve("dev.tsv"), "1\tgood\n0\tdull\n2\tso so\n");
        CliRun bad = CliRun.of("doctor", cfg.toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains(dir.resolve("dev.tsv") + ":3: label '2'"), bad.err());
        assertTrue(bad.out().contains("1 errors"), bad.out());
    }

    /** Sentences of 12 to 16 words over six words, so every example reaches 11 steps back. */
    private void longTexts() throws Exception {
        Random rng = new Random(5);
        String[] words = {"a", "b", "c", "d", "e", "f"};
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            rows.append(i % 2).append('\t');
            int n = 12 + rng.nextInt(5);
            for (int w = 0; w < n; w++) {
                rows.append(words[rng.nextInt(words.length)]).append(w + 1 < n ? " " : "\n");
            }
        }
        Files.writeString(dir.resolve("train.tsv"), rows);
    }

    @Test
    void diagnose_gradients_prints_the_table_writes_the_plot_and_judges_the_clip_threshold() throws Exception {
        longTexts();
        Path cfg = config("splits: {train: train.tsv}", "{embedding: 8, layers: [{cell: gru, units: 8}]}", "{batch_size: 8, seed: 1}");
        Path png = dir.resolve("plots/gradients.png");
        CliRun low = CliRun.of("diagnose", "gradients", cfg.toString(), "--steps", "10", "--batches", "2", "--out", png.toString(),
                "--set", "training.gradient_clip=1e-7");
        assertEquals(0, low.code(), low.err());
        String out = low.out();
        assertTrue(out.contains("16 examples from training examples of train.tsv; networks freshly initialised"), out);
        for (String cell : new String[] {"config (gru)", "rnn", "lstm", "gru"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("  " + cell + " ") && l.contains("of the gradient per step back")), cell + "\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  10  ")), out);
        assertTrue(out.contains("verdict: far below the typical norm: always clips"), out);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000, "plot of " + bytes.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));

        Path svg = dir.resolve("gradients.svg");
        CliRun high = CliRun.of("diagnose", "gradients", cfg.toString(), "--steps", "10", "--batches", "2", "--out", svg.toString(),
                "--set", "training.gradient_clip=1e7");
        assertEquals(0, high.code(), high.err());
        assertTrue(high.out().contains("verdict: far above the typical norm: never clips"), high.out());
        assertTrue(Files.readString(svg, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("<svg"));
    }

    @Test
    void a_clip_threshold_at_the_median_layer_norm_is_near() throws Exception {
        longTexts();
        Path cfg = config("splits: {train: train.tsv}", "{embedding: 8, layers: [{cell: gru, units: 8}]}", "{batch_size: 8, seed: 1}");
        CliRun first = CliRun.of("diagnose", "gradients", cfg.toString(), "--steps", "5", "--batches", "2", "--out", dir.resolve("a.png").toString());
        assertEquals(0, first.code(), first.err());
        // Any layer's median norm lies within the range of all layer norms, so it is near by construction.
        String line = first.out().lines().filter(l -> l.startsWith("  gru 8")).findFirst().orElseThrow();
        String median = line.substring(line.indexOf("median ") + 7, line.indexOf(" (min"));
        CliRun near = CliRun.of("diagnose", "gradients", cfg.toString(), "--steps", "5", "--batches", "2", "--out", dir.resolve("b.png").toString(),
                "--set", "training.gradient_clip=" + median);
        assertEquals(0, near.code(), near.err());
        assertTrue(near.out().contains("verdict: near the typical norm"), near.out());
    }
}
