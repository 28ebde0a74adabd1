package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Train a small character-level GRU language model (truncated BPTT inside each window) on a tiny
 * repetitive text through the command line, then evaluate it and generate from its bundle.
 *
 * <p>The text repeats a 19-character line in which the character after 'o' or 't' depends on
 * more than the character before it, so the model must carry state.
 */
class LanguageModelEndToEndTest {

    static final String LINE = "to be or not to be\n";

    @TempDir
    static Path dir;

    static Path bundle;

    @BeforeAll
    static void train() throws Exception {
        Files.writeString(dir.resolve("train.txt"), LINE.repeat(300));
        Files.writeString(dir.resolve("val.txt"), LINE.repeat(20));
        Path cfg = Files.writeString(dir.resolve("lm.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {embedding: 8, layers: [{cell: gru, units: 32}]}",
                "training: {epochs: 3, batch_size: 8, tbptt: 10, sequence_length: 40, optimizer: {type: adam, learning_rate: 0.02}}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("8 rows x 40 steps per minibatch"), train.err());
        bundle = Path.of(train.lastLine().substring("bundle: ".length()));
    }

    private static Map<?, ?> json(String text) throws Exception {
        return new ObjectMapper().readValue(text, Map.class);
    }

    @Test
    void evaluate_reports_nats_per_token_and_perplexity_as_training_did() throws Exception {
        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "val", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> m = json(eval.out());
        double nats = ((Number) m.get("nats_per_token")).doubleValue();
        assertTrue(nats < 0.05, "the model must have learnt the repeated line: " + eval.out());
        assertEquals(Math.exp(nats), ((Number) m.get("perplexity")).doubleValue(), 1e-9);
        assertEquals(LINE.length() * 20 - 1, ((Number) m.get("tokens")).intValue());
        Map<?, ?> trained = json(Files.readString(dir.resolve("run/metrics.json")));
        assertEquals(((Number) ((Map<?, ?>) trained.get("val")).get("nats_per_token")).doubleValue(), nats, 1e-9);
    }

    @Test
    void greedy_generation_continues_the_text() {
        CliRun gen = CliRun.of("generate", bundle.toString(), "--prompt", "to be or", "--length", "29", "--greedy");
        assertEquals(0, gen.code(), gen.err());
        assertEquals("to be or" + " not to be\nto be or not to be" + "\n", gen.out());
    }

    @Test
    void an_empty_prompt_starts_at_the_start_of_a_line_and_a_stop_token_ends_it() {
        CliRun gen = CliRun.of("generate", bundle.toString(), "--greedy", "--stop", "\\n");
        assertEquals(0, gen.code(), gen.err());
        assertEquals(LINE + "\n", gen.out());
    }

    @Test
    void the_same_seed_gives_the_same_text_and_another_seed_another() {
        String[] args = {"generate", bundle.toString(), "--prompt", "to", "--length", "60", "--temperature", "4"};
        CliRun a = CliRun.of(concat(args, "--seed", "1"));
        CliRun b = CliRun.of(concat(args, "--seed", "1"));
        CliRun c = CliRun.of(concat(args, "--seed", "2"));
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
        assertEquals("", a.err());
        CliRun unseeded = CliRun.of(args);
        assertTrue(unseeded.err().startsWith("seed: "), unseeded.err());
    }

    @Test
    void prompt_characters_outside_the_vocabulary_are_read_as_unknown_with_a_warning() {
        CliRun gen = CliRun.of("generate", bundle.toString(), "--prompt", "to bé ", "--length", "10", "--seed", "3");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.err().contains("1 prompt token(s) not in the model's vocabulary, read as <unk>: 'é'"), gen.err());
        assertTrue(gen.out().startsWith("to bé "), gen.out());
        assertEquals("to bé ".length() + 10 + 1, gen.out().length());
        assertTrue(!gen.out().contains("<unk>") && !gen.out().contains("<pad>"), gen.out());
    }

    @Test
    void bad_sampling_settings_are_usage_errors() {
        CliRun topP = CliRun.of("generate", bundle.toString(), "--top-p", "0", "--seed", "1");
        assertEquals(2, topP.code());
        assertTrue(topP.err().contains("top-p must be in (0, 1]"), topP.err());
        CliRun stop = CliRun.of("generate", bundle.toString(), "--stop", "xy", "--seed", "1");
        assertEquals(2, stop.code());
        assertTrue(stop.err().contains("--stop 'xy' is not a token of the model's vocabulary"), stop.err());
        CliRun length = CliRun.of("generate", bundle.toString(), "--length", "-1", "--seed", "1");
        assertEquals(2, length.code());
    }

    @Test
    void a_language_model_bundle_is_neither_a_classifier_nor_a_tagger() {
        CliRun predict = CliRun.withInput("to be\n", "predict", bundle.toString());
        assertEquals(2, predict.code());
        assertTrue(predict.err().contains("generate text with `rill generate`"), predict.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
