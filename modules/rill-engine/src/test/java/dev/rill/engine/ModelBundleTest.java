package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.DataConfig;
import dev.rill.config.DataFormat;
import dev.rill.config.OutputConfig;
import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.config.TagColumn;
import dev.rill.config.TaskType;
import dev.rill.config.TokenizerKind;
import dev.rill.text.DataException;
import dev.rill.text.Example;
import dev.rill.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {

    @TempDir
    Path dir;

    static RillConfig config(CellType cell) {
        DataConfig data = new DataConfig("sst2", null, DataFormat.LABEL_TEXT_TSV,
                Map.of("train", "train.tsv", "dev", "dev.tsv"), TokenizerKind.WHITESPACE, true, 100, 1, 0, 0, 0.0, TagColumn.UPOS);
        return new RillConfig(TaskType.CLASSIFICATION, data, TestConfigs.model(cell, false, Pooling.LAST),
                TestConfigs.training(0, 4, 1), new OutputConfig("runs/test"), null);
    }

    @Test
    void round_trip_keeps_config_vocabulary_labels_and_outputs() throws IOException {
        RillConfig cfg = config(CellType.GRU);
        Vocabulary vocab = Vocabulary.of(List.of("good", "bad", "film"));
        Classifier c = new Classifier(NetworkFactory.classifier(cfg.model(), cfg.training(), vocab.size(), 2), Pooling.LAST);
        Path file = dir.resolve("model.rill");
        new ModelBundle(cfg, vocab, List.of("0", "1"), c.network(), Map.of("dev", Map.of("accuracy", 0.5)), Map.of("seed", 1))
                .write(file);

        ModelBundle back = ModelBundle.read(file);
        assertEquals(cfg.model(), back.config().model());
        assertEquals(cfg.training(), back.config().training());
        assertEquals(cfg.data(), back.config().data());
        assertEquals(vocab, back.vocabulary());
        assertEquals(List.of("0", "1"), back.labels());
        assertEquals(0.5, ((Map<?, ?>) back.metrics().get("dev")).get("accuracy"));
        List<Example> ex = List.of(new Example(new int[] {2, 3, 4}, 0), new Example(new int[] {4}, 1));
        double[][] before = c.probabilities(ex, 2);
        double[][] after = new Classifier(back.network(), Pooling.LAST).probabilities(ex, 2);
        for (int i = 0; i < ex.size(); i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
        // Nothing but the bundle is left in the folder (no temporary files).
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void a_file_that_is_not_a_bundle_is_a_data_error() throws IOException {
        Path junk = Files.writeString(dir.resolve("x.rill"), "not a zip");
        DataException e = assertThrows(DataException.class, () -> ModelBundle.read(junk));
        assertTrue(e.getMessage().contains("not a Rill bundle"), e.getMessage());
        assertThrows(DataException.class, () -> ModelBundle.read(dir.resolve("missing.rill")));
    }
}
