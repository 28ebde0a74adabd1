package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Train on a slice of the real SST-2 (from the corpus mirror), then load the bundle to predict
 * and evaluate, all through the command line.
 */
class EndToEndTest {

    @TempDir
    Path dir;

    @Test
    void train_save_load_predict_and_evaluate_on_an_sst2_slice() throws Exception {
        Path config = Path.of(System.getProperty("rill.project.dir", "../.."), "configs/sentiment-sst2.yaml").toAbsolutePath();
        CliRun train = CliRun.of("train", config.toString(), "--out", dir.resolve("run").toString(),
                "--set", "data.limit=600", "--set", "training.epochs=2", "--set", "model.layers.0.units=16",
                "--set", "model.embedding=16", "--set", "training.batch_size=32");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.lastLine().startsWith("bundle: "), train.out());
        Path bundle = Path.of(train.lastLine().substring("bundle: ".length()));
        assertTrue(Files.isRegularFile(bundle));
        assertTrue(Files.isRegularFile(dir.resolve("run/metrics.json")));

        CliRun predict = CliRun.withInput("a gorgeous , witty , seductive movie .\nthe worst film of the year .\n", "predict", bundle.toString());
        assertEquals(0, predict.code(), predict.err());
        String[] lines = predict.out().strip().split("\n");
        assertEquals(2, lines.length);
        for (String line : lines) {
            String[] f = line.split("\t");
            assertEquals(3, f.length, line);
            assertTrue(f[0].equals("0") || f[0].equals("1"), line);
            double p = Double.parseDouble(f[1]);
            assertTrue(p >= 0.5 && p <= 1.0, line);
        }
        assertEquals("the worst film of the year .", lines[1].split("\t")[2]);

        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "dev", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> json = new ObjectMapper().readValue(eval.out(), Map.class);
        double accuracy = ((Number) json.get("accuracy")).doubleValue();
        assertEquals(600, ((Number) json.get("examples")).intValue());
        // The same number training reported for dev.
        Map<?, ?> trained = new ObjectMapper().readValue(dir.resolve("run/metrics.json").toFile(), Map.class);
        assertEquals(((Number) ((Map<?, ?>) trained.get("dev")).get("accuracy")).doubleValue(), accuracy, 1e-9);
    }

    @Test
    void a_dev_split_held_out_of_train_is_the_same_at_training_and_evaluation() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rows.append(i % 2).append('\t').append(i % 2 == 0 ? "dull boring film " : "great fun film ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("train.tsv"), rows);
        Path cfg = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
                "task: classification",
                "data: {dir: ., splits: {train: train.tsv}, tokenizer: whitespace, dev_fraction: 0.25}",
                "model: {embedding: 8, layers: [{cell: gru, units: 8}]}",
                "training: {epochs: 2, batch_size: 8}", ""));
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("data: 30 train examples"), train.err());
        Path bundle = Path.of(train.lastLine().substring("bundle: ".length()));

        CliRun eval = CliRun.of("evaluate", bundle.toString(), "--split", "dev", "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> json = new ObjectMapper().readValue(eval.out(), Map.class);
        assertEquals(10, ((Number) json.get("examples")).intValue());
        Map<?, ?> trained = new ObjectMapper().readValue(dir.resolve("run/metrics.json").toFile(), Map.class);
        assertEquals(((Number) ((Map<?, ?>) trained.get("dev")).get("accuracy")).doubleValue(),
                ((Number) json.get("accuracy")).doubleValue(), 1e-9);
    }
}
