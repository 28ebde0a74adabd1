package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-to-many through the command line: a generator learns to write "the NOUN is ADJ" sentences
 * whose adjective matches the sentiment label it is given, then writes sentences for a label.
 */
class ConditionedGenerationEndToEndTest {

    private static final List<String> NOUNS = List.of("film", "movie", "story", "plot");
    private static final List<String> GOOD = List.of("great", "wonderful", "fun");
    private static final List<String> BAD = List.of("bad", "dull", "boring");

    @TempDir
    static Path dir;

    static Path bundle;

    @BeforeAll
    static void train() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), sentences(240, 1));
        Files.writeString(dir.resolve("dev.tsv"), sentences(40, 2));
        CliRun train = trainGenerator("run", "");
        assertTrue(train.err().contains("condition tokens for labels [0, 1]"), train.err());
        bundle = Path.of(train.lastLine().substring("bundle: ".length()));
    }

    /** Trains the small generator into {@code dir/name}, with {@code modelKeys} (e.g. {@code ", condition: first_step"}) added. */
    private static CliRun trainGenerator(String name, String modelKeys) throws Exception {
        Path cfg = Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "task: conditioned_generation",
                "data: {dir: ., splits: {train: train.tsv, dev: dev.tsv}, tokenizer: whitespace}",
                "model: {embedding: 16, layers: [{cell: gru, units: 32}]" + modelKeys + "}",
                "training: {epochs: 8, batch_size: 16, optimizer: {type: adam, learning_rate: 0.02}}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve(name).toString());
        assertEquals(0, train.code(), train.err());
        return train;
    }

    private static String sentences(int n, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(2);
            List<String> adjectives = label == 1 ? GOOD : BAD;
            b.append(label).append("\tthe ").append(NOUNS.get(rng.nextInt(NOUNS.size()))).append(" is ")
                    .append(adjectives.get(rng.nextInt(adjectives.size()))).append('\n');
        }
        return b.toString();
    }

    @Test
    void the_condition_decides_the_sentiment_of_what_is_written() {
        for (int seed = 1; seed <= 5; seed++) {
            CliRun good = CliRun.of("generate", bundle.toString(), "--condition", "1", "--seed", String.valueOf(seed));
            CliRun bad = CliRun.of("generate", bundle.toString(), "--condition", "0", "--seed", String.valueOf(seed));
            assertEquals(0, good.code(), good.err());
            String[] g = good.out().strip().split(" ");
            String[] b = bad.out().strip().split(" ");
            assertEquals(4, g.length, good.out());
            assertTrue(GOOD.contains(g[3]), good.out());
            assertTrue(BAD.contains(b[3]), bad.out());
        }
    }

    /** A generator that reads its label only as the first token (how bundles before model.condition were built) still works. */
    @Test
    void a_generator_that_reads_its_label_only_first_still_writes_for_it() throws Exception {
        CliRun train = trainGenerator("first", ", condition: first_step");
        assertTrue(Files.readString(dir.resolve("first/resolved.yaml")).contains("condition: first_step"));
        assertTrue(Files.readString(dir.resolve("run/resolved.yaml")).contains("condition: every_step"));
        String first = train.lastLine().substring("bundle: ".length());
        for (int seed = 1; seed <= 3; seed++) {
            CliRun good = CliRun.of("generate", first, "--condition", "1", "--seed", String.valueOf(seed));
            CliRun bad = CliRun.of("generate", first, "--condition", "0", "--seed", String.valueOf(seed));
            assertEquals(0, good.code(), good.err());
            assertTrue(GOOD.contains(good.out().strip().split(" ")[3]), good.out());
            assertTrue(BAD.contains(bad.out().strip().split(" ")[3]), bad.out());
        }
        CliRun eval = CliRun.of("evaluate", first, "--split", "dev", "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(1.0, ((Number) new ObjectMapper().readValue(eval.out(), Map.class).get("condition_accuracy")).doubleValue(), 1e-12);
    }

    @Test
    void guidance_keeps_the_text_on_its_condition_and_is_refused_when_negative() {
        for (int seed = 1; seed <= 3; seed++) {
            CliRun good = CliRun.of("generate", bundle.toString(), "--condition", "1", "--guidance", "3", "--seed", String.valueOf(seed));
            assertEquals(0, good.code(), good.err());
            assertTrue(GOOD.contains(good.out().strip().split(" ")[3]), good.out());
        }
        CliRun negative = CliRun.of("generate", bundle.toString(), "--condition", "1", "--guidance", "-1");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("guidance must be a finite number >= 0, got -1.0"), negative.err());
    }

    @Test
    void a_prompt_is_continued_under_the_condition_and_generation_stops_at_the_end_of_a_text() {
        CliRun gen = CliRun.of("generate", bundle.toString(), "--condition", "0", "--prompt", "the plot", "--greedy", "--length", "50");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.out().matches("the plot is (bad|dull|boring)\n"), gen.out());
    }

    @Test
    void evaluation_shows_what_the_condition_buys() throws Exception {
        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "dev", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> m = new ObjectMapper().readValue(eval.out(), Map.class);
        double conditioned = ((Number) m.get("nats_per_token")).doubleValue();
        double unconditioned = ((Number) m.get("unconditioned_nats_per_token")).doubleValue();
        assertEquals(1.0, ((Number) m.get("condition_accuracy")).doubleValue(), 1e-12, eval.out());
        // The adjective is one of 3 given the label, one of 6 without it: about ln 2 nats more for 1 token in 5.
        assertTrue(unconditioned - conditioned > 0.1, eval.out());
        assertEquals(5 * 40, ((Number) m.get("tokens")).intValue());
        Map<?, ?> trained = new ObjectMapper().readValue(dir.resolve("run/metrics.json").toFile(), Map.class);
        assertEquals(((Number) ((Map<?, ?>) trained.get("dev")).get("nats_per_token")).doubleValue(), conditioned, 1e-9);
    }

    @Test
    void a_generator_needs_a_known_condition() {
        CliRun none = CliRun.of("generate", bundle.toString(), "--seed", "1");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("this generator needs a condition; its labels are [0, 1]"), none.err());
        CliRun unknown = CliRun.of("generate", bundle.toString(), "--condition", "positive", "--seed", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown condition 'positive'"), unknown.err());
    }

    @Test
    void a_classifier_judges_the_generated_texts_to_have_their_condition() throws Exception {
        Path cfg = Files.writeString(dir.resolve("judge.yaml"), String.join("\n",
                "task: classification",
                "data: {dir: ., splits: {train: train.tsv, dev: dev.tsv}, tokenizer: whitespace}",
                "model: {embedding: 8, layers: [{cell: gru, units: 8}]}",
                "training: {epochs: 6, batch_size: 16, optimizer: {type: adam, learning_rate: 0.02}}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("judge").toString());
        assertEquals(0, train.code(), train.err());
        Path report = dir.resolve("conditioned.md");
        Files.writeString(report, "# old\n\n| old table |\n\n## Notes\n\nWritten by hand.\n");
        CliRun bench = CliRun.of("bench", "conditioned", "--generator", bundle.toString(), "--classifier", train.lastLine().substring(8),
                "--per-label", "10", "--guidance", "0,2", "--report", report.toString());
        assertEquals(0, bench.code(), bench.err());
        assertTrue(bench.out().startsWith("| guidance | condition 0 | condition 1 | all | words per text | distinct bigrams |"), bench.out());
        assertTrue(bench.out().contains("| 0.0 | 100.0% | 100.0% | 100.0% | 4.0 | "), bench.out());
        assertTrue(bench.out().contains("| 2.0 | 100.0% | 100.0% | 100.0% | 4.0 | "), bench.out());
        String md = Files.readString(report);
        assertTrue(md.contains("| dev | "), md);
        assertTrue(md.contains("- guidance 2.0, `1`: the "), md);
        assertTrue(md.endsWith("## Notes\n\nWritten by hand.\n") && !md.contains("old table"), md);
    }
}
