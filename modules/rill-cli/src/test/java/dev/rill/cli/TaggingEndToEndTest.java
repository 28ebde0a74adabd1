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
 * Train a tagger on a tiny generated CoNLL-U treebank, then load the bundle to tag raw text and
 * to evaluate, all through the command line.
 *
 * <p>The grammar makes one word ambiguous: "run" is a NOUN after "the" and a VERB after a noun,
 * so the tagger must use context, not only a word-to-tag lookup.
 */
class TaggingEndToEndTest {

    @TempDir
    static Path dir;

    static Path bundle;

    private static final List<String> NOUNS = List.of("dog", "cat", "bird", "run", "idea");
    private static final List<String> VERBS = List.of("sees", "likes", "run", "chases");
    private static final List<String> ADJS = List.of("big", "small", "red");

    @BeforeAll
    static void train() throws Exception {
        Files.writeString(dir.resolve("train.conllu"), treebank(300, 1));
        Files.writeString(dir.resolve("dev.conllu"), treebank(60, 2));
        Path cfg = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
                "task: tagging",
                "data: {dir: ., splits: {train: train.conllu, dev: dev.conllu}, lowercase: true}",
                "model: {embedding: 16, layers: [{cell: gru, units: 16, bidirectional: true}], char_cnn: {embedding: 8, filters: 8}}",
                "training: {epochs: 6, batch_size: 16, optimizer: {type: adam, learning_rate: 0.02}}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("data: 300 train sentences"), train.err());
        bundle = Path.of(train.lastLine().substring("bundle: ".length()));
    }

    /** Sentences "the [ADJ] NOUN VERB the NOUN ." as CoNLL-U, with a comment line and a multiword range to skip. */
    private static String treebank(int sentences, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            b.append("# sent_id = ").append(s).append('\n');
            int id = 1;
            id = word(b, id, "the", "DET");
            if (rng.nextBoolean()) {
                id = word(b, id, ADJS.get(rng.nextInt(ADJS.size())), "ADJ");
            }
            id = word(b, id, NOUNS.get(rng.nextInt(NOUNS.size())), "NOUN");
            id = word(b, id, VERBS.get(rng.nextInt(VERBS.size())), "VERB");
            id = word(b, id, "the", "DET");
            id = word(b, id, NOUNS.get(rng.nextInt(NOUNS.size())), "NOUN");
            word(b, id, ".", "PUNCT");
            b.append('\n');
        }
        return b.toString();
    }

    private static int word(StringBuilder b, int id, String form, String upos) {
        b.append(id).append('\t').append(form).append("\t_\t").append(upos).append("\t_\t_\t_\t_\t_\t_\n");
        return id + 1;
    }

    @Test
    void tags_raw_text_with_context() {
        CliRun tag = CliRun.withInput("The dog likes the run. The run sees the big cat.\n", "tag", bundle.toString());
        assertEquals(0, tag.code(), tag.err());
        assertEquals(List.of(
                "The/DET dog/NOUN likes/VERB the/DET run/NOUN ./PUNCT",
                "The/DET run/NOUN sees/VERB the/DET big/ADJ cat/NOUN ./PUNCT"), tag.out().strip().lines().toList());
        CliRun verb = CliRun.withInput("the cat run the dog .\n", "tag", bundle.toString());
        assertTrue(verb.out().contains("cat/NOUN run/VERB"), verb.out());
    }

    @Test
    void writes_conllu() {
        CliRun tag = CliRun.withInput("The  cat sees the bird.\n", "tag", bundle.toString(), "--format", "conllu");
        assertEquals(0, tag.code(), tag.err());
        List<String> lines = tag.out().lines().toList();
        assertEquals("# sent_id = 1", lines.get(0));
        assertEquals("# text = The cat sees the bird.", lines.get(1));
        assertEquals("1\tThe\t_\tDET\t_\t_\t_\t_\t_\t_", lines.get(2));
        assertEquals("3\tsees\t_\tVERB\t_\t_\t_\t_\t_\t_", lines.get(4));
        assertEquals("6\t.\t_\tPUNCT\t_\t_\t_\t_\t_\t_", lines.get(7));
        assertEquals(9, lines.size());   // 2 comments, 6 tokens, the blank line ending the sentence
        assertEquals("", lines.get(8));
    }

    @Test
    void evaluate_reports_what_training_reported() throws Exception {
        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "dev", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> json = new ObjectMapper().readValue(eval.out(), Map.class);
        double accuracy = ((Number) json.get("accuracy")).doubleValue();
        assertTrue(accuracy > 0.97, eval.out());
        Map<?, ?> trained = new ObjectMapper().readValue(dir.resolve("run/metrics.json").toFile(), Map.class);
        assertEquals(((Number) ((Map<?, ?>) trained.get("dev")).get("accuracy")).doubleValue(), accuracy, 1e-9);
        assertTrue(((Map<?, ?>) json.get("per_tag")).containsKey("NOUN"));
    }

    @Test
    void a_tagger_bundle_is_not_a_classifier() {
        CliRun predict = CliRun.withInput("the dog\n", "predict", bundle.toString());
        assertEquals(2, predict.code());
        assertTrue(predict.err().contains("use `rill tag`") || predict.err().contains("with `rill tag`"), predict.err());
    }
}
