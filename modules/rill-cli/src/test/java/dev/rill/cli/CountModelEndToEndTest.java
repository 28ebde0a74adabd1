package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The count-based language models through the command line: a config with {@code model.type:
 * markov} or {@code ngram} trains (counts) in one step, its bundle evaluates to the number
 * training reported, and it generates like a network.
 */
class CountModelEndToEndTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void texts() throws Exception {
        Files.writeString(dir.resolve("train.txt"), "to be or not to be\nthat is the question\n".repeat(50));
        Files.writeString(dir.resolve("val.txt"), "to be or not to be\nthat is the question\n".repeat(5));
    }

    private static Path train(String name, String model, String tokenizer) throws Exception {
        Path cfg = Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: " + tokenizer + "}",
                "model: " + model, ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve(name).toString());
        assertEquals(0, train.code(), train.err());
        return Path.of(train.lastLine().substring("bundle: ".length()));
    }

    private static double valNats(Path bundle) throws Exception {
        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "val", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> m = new ObjectMapper().readValue(eval.out(), Map.class);
        Map<?, ?> trained = new ObjectMapper().readValue(bundle.resolveSibling("metrics.json").toFile(), Map.class);
        double nats = ((Number) m.get("nats_per_token")).doubleValue();
        assertEquals(((Number) ((Map<?, ?>) trained.get("val")).get("nats_per_token")).doubleValue(), nats, 1e-12);
        assertEquals(Math.exp(nats), ((Number) m.get("perplexity")).doubleValue(), 1e-9);
        return nats;
    }

    @Test
    void a_longer_context_predicts_better_and_every_bundle_evaluates_as_training_reported() throws Exception {
        double markov = valNats(train("markov", "{type: markov, smoothing: 0.1}", "char"));
        double trigram = valNats(train("trigram", "{type: ngram, order: 3}", "char"));
        double sixgram = valNats(train("sixgram", "{type: ngram, order: 6}", "char"));
        assertTrue(sixgram < trigram && trigram < markov, markov + " > " + trigram + " > " + sixgram);
        assertTrue(sixgram < 0.2, "six characters of context almost decide the next: " + sixgram);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{type: markov}", "{type: ngram, order: 4}"})
    void count_models_generate_reproducibly(String model) throws Exception {
        Path bundle = train(model.contains("markov") ? "markov-gen" : "ngram-gen", model, "char");
        String[] args = {"generate", bundle.toString(), "--prompt", "th", "--length", "40", "--seed", "5"};
        CliRun a = CliRun.of(args);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), CliRun.of(args).out());
        assertEquals(2 + 40 + 1, a.out().length());
    }

    @Test
    void a_word_model_generates_words_and_line_breaks() throws Exception {
        Path bundle = train("words", "{type: ngram, order: 4}", "whitespace");
        CliRun gen = CliRun.of("generate", bundle.toString(), "--prompt", "that is", "--greedy", "--length", "7");
        assertEquals(0, gen.code(), gen.err());
        assertEquals("that is the question\nto be or not\n", gen.out());
    }

    @Test
    void training_a_count_model_reports_its_fit_and_no_network() throws Exception {
        Path cfg = Files.writeString(dir.resolve("log.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {type: ngram, order: 5}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("log").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("model: order-5 n-gram, interpolated Kneser-Ney (discounts estimated per level)"), train.err());
        assertTrue(train.err().contains("val: "), train.err());
    }

    @Test
    void the_generation_benchmark_reports_scores_and_samples() throws Exception {
        Path cfg = Files.writeString(dir.resolve("bench-ngram.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {type: ngram, order: 4}", ""));
        Path report = dir.resolve("generation.md");
        CliRun bench = CliRun.of("bench", "generation", cfg.toString(), "--report", report.toString(), "--runs", dir.resolve("bench").toString(),
                "--prompt", "to", "--sample-length", "20");
        assertEquals(0, bench.code(), bench.err());
        String md = Files.readString(report);
        assertTrue(md.contains("| bench-ngram | ngram, order 4 | val | "), md);
        assertTrue(md.contains("### bench-ngram\n\n```\nto"), md);

        // --from-runs reports what `rill train` already made in the config's output.dir, without training again.
        Path trained = Files.writeString(dir.resolve("trained-ngram.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {type: ngram, order: 4}",
                "output: {dir: '" + dir.resolve("trained-run") + "'}", ""));
        Path fromRuns = dir.resolve("from-runs.md");
        CliRun missing = CliRun.of("bench", "generation", "--from-runs", trained.toString(), "--report", fromRuns.toString());
        assertEquals(Main.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("no finished run of " + trained) && missing.err().contains("bin/rill train " + trained), missing.err());
        assertEquals(0, CliRun.of("train", trained.toString()).code());
        CliRun reported = CliRun.of("bench", "generation", "--from-runs", trained.toString(), "--report", fromRuns.toString(),
                "--prompt", "to", "--sample-length", "20");
        assertEquals(0, reported.code(), reported.err());
        String fromRunsMd = Files.readString(fromRuns);
        String row = md.lines().filter(l -> l.startsWith("| bench-ngram |")).findFirst().orElseThrow();
        // Same data and counts: the same nats/token and bits/token as the run the bench trained itself.
        String heldOut = row.split("\\|")[4] + "|" + row.split("\\|")[5];
        assertTrue(fromRunsMd.contains("| trained-ngram | ngram, order 4 | val |" + heldOut + "| 1 (best 1) |"), fromRunsMd);
        assertTrue(fromRunsMd.contains("bin/rill bench generation --from-runs "), fromRunsMd);
        assertTrue(fromRunsMd.contains("### trained-ngram\n\n```\nto"), fromRunsMd);
    }
}
