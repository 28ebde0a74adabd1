package dev.rill.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The written YAML is complete and reads back to an equal config. */
class ConfigWriterTest {

    static Stream<RillConfig> configs() throws ConfigException {
        Path source = Path.of("round-trip.yaml");
        return Stream.of(
                new ConfigLoader().parse(Fixtures.BASE, source, List.of()).config(),
                new RillConfig(TaskType.LANGUAGE_MODEL,
                        new DataConfig(null, "2024", DataFormat.PLAIN_TEXT, Map.of("train", "true", "extra", "e.txt", "dev", "1.5"),
                                TokenizerKind.CHAR, true, 100, 3, 0, 10, 0.0, TagColumn.UPOS),
                        new ModelConfig(16, List.of(new LayerConfig(CellType.GRU, 8, false, 0.25), new LayerConfig(CellType.RNN, 65536, false, 0.0)),
                                Pooling.LAST, 0.5, WeightInitKind.UNIFORM),
                        new TrainingConfig(1, 1, new OptimizerConfig(OptimizerConfig.OptimizerType.RMSPROP, 1e-5, 0.0, 3.5e-7),
                                0.0, 0, -9_000_000_000L, 1, new EarlyStoppingConfig(1, 0.0), new LearningRateSchedule.Cosine(0, 1e-6), 3, 7),
                        new OutputConfig("out: with colon"), source),
                countedLanguageModel(ModelType.NGRAM, 7, 0.75, source),
                countedLanguageModel(ModelType.MARKOV, 2, 0.01, source),
                new RillConfig(TaskType.TAGGING,
                        new DataConfig("names", null, DataFormat.FORM_TAG_TSV, Map.of("train", "t.tsv"), TokenizerKind.WHITESPACE,
                                false, 4, 1, 0, 0, 0.2, TagColumn.XPOS),
                        new ModelConfig(1, List.of(new LayerConfig(CellType.GRU, 1, false, 0.999)), Pooling.LAST, 0.0, WeightInitKind.NORMAL,
                                new CharCnnConfig(7, 9, 5, 30), 0.25),
                        new TrainingConfig(100, 512, new OptimizerConfig(OptimizerConfig.OptimizerType.SGD, 10, 0.99, 0.0), 5, 35, 0, 1000,
                                new EarlyStoppingConfig(7, 0.125), new LearningRateSchedule.Exponential(0.95), 0),
                        new OutputConfig("runs/x"), source),
                new RillConfig(TaskType.CLASSIFICATION,
                        new DataConfig("sst2", null, DataFormat.LABEL_TEXT_TSV, Map.of("train", "train.tsv", "dev", "dev.tsv"),
                                TokenizerKind.CORENLP, false, 20000, 1, 0, 0, 0.0, TagColumn.UPOS),
                        new ModelConfig(8, List.of(new LayerConfig(CellType.LSTM, 8, false, 0.0)), Pooling.LAST, 0.0, WeightInitKind.XAVIER),
                        new TrainingConfig(12, 4, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.01, 0.9, 0.0), 1.0, 0, 1, 5,
                                null, new LearningRateSchedule.Step(4, 1.0), 250),
                        new OutputConfig("runs/y"), source),
                new RillConfig(TaskType.CLASSIFICATION,
                        new DataConfig("sst2", null, DataFormat.LABEL_TEXT_TSV, Map.of("train", "train.tsv"),
                                TokenizerKind.CORENLP, false, 20000, 1, 0, 0, 0.0, TagColumn.UPOS),
                        new ModelConfig(8, List.of(new LayerConfig(CellType.LSTM, 8, false, 0.0)), Pooling.LAST, 0.0, WeightInitKind.XAVIER),
                        new TrainingConfig(12, 4, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.01, 0.9, 0.0), 1.0, 0, 1, 5,
                                null, new LearningRateSchedule.Cosine(11, 0.01), 1),
                        new OutputConfig("runs/z"), source),
                new RillConfig(TaskType.CONDITIONED_GENERATION,
                        new DataConfig("sst2", null, DataFormat.LABEL_TEXT_TSV, Map.of("train", "train_sentences.tsv", "dev", "dev.tsv"),
                                TokenizerKind.CORENLP, true, 10000, 2, 0, 0, 0.0, TagColumn.UPOS),
                        new ModelConfig(8, List.of(new LayerConfig(CellType.GRU, 8, false, 0.2)), Pooling.LAST, 0.3, WeightInitKind.XAVIER,
                                null, 0.0, ModelType.RNN, 0, 0.0, ConditionInput.FIRST_STEP),
                        new TrainingConfig(10, 32, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.002, 0.9, 0.0), 5.0, 0, 42, 50,
                                null, new LearningRateSchedule.Constant(), 0),
                        new OutputConfig("runs/g"), source));
    }

    /** A count-based model: the network fields hold the loader's defaults, since they cannot be written. */
    private static RillConfig countedLanguageModel(ModelType type, int order, double smoothing, Path source) {
        return new RillConfig(TaskType.LANGUAGE_MODEL,
                new DataConfig("tinyshakespeare", null, DataFormat.PLAIN_TEXT, Map.of("train", "train.txt", "val", "val.txt"),
                        TokenizerKind.CHAR, false, 20000, 1, 0, 0, 0.0, TagColumn.UPOS),
                new ModelConfig(128, List.of(ModelBinder.DEFAULT_LAYER), Pooling.LAST, 0.0, WeightInitKind.XAVIER, null, 0.0, type, order,
                        smoothing, ConditionInput.EVERY_STEP),
                new TrainingConfig(5, 32, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.002, 0.9, 0.0), 1.0, 0, 42, 50, null,
                        new LearningRateSchedule.Constant(), 0, 300),
                new OutputConfig("runs/lm"), source);
    }

    @TempDir
    Path tmp;

    @Test
    void counted_models_are_written_without_network_keys_and_networks_without_count_keys() throws ConfigException {
        String ngram = ConfigWriter.toYaml(countedLanguageModel(ModelType.NGRAM, 6, 0.0, null));
        assertTrue(ngram.contains("type: ngram") && ngram.contains("order: 6") && ngram.contains("smoothing: 0.0"), ngram);
        assertTrue(ngram.contains("sequence_length: 300"), ngram);
        for (String key : List.of("embedding:", "layers:", "pooling:", "output_dropout:", "weight_init:")) {
            assertFalse(ngram.contains(key), () -> key + " in\n" + ngram);
        }
        String markov = ConfigWriter.toYaml(countedLanguageModel(ModelType.MARKOV, 2, 1.0, null));
        assertFalse(markov.contains("order:"), markov);

        String rnn = ConfigWriter.toYaml(new ConfigLoader().parse(Fixtures.BASE, null, List.of()).config());
        assertTrue(rnn.contains("type: rnn"), rnn);
        assertFalse(rnn.contains("condition:"), "only a conditioned generator has a label to read:\n" + rnn);
        for (String key : List.of("order:", "smoothing:", "sequence_length:")) {
            assertFalse(rnn.contains(key), () -> key + " in\n" + rnn);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void config_round_trips_through_yaml(RillConfig written) throws Exception {
        // The loader checks data.dir and its files, so the config is placed in a folder that has them.
        RillConfig config = new RillConfig(written.task(), written.data(), written.model(), written.training(), written.output(),
                tmp.resolve("round-trip.yaml"));
        if (config.data().dir() != null) {
            Path dir = Files.createDirectories(tmp.resolve(config.data().dir()));
            for (String file : config.data().splits().values()) {
                Files.writeString(dir.resolve(file), "");
            }
        }
        String yaml = ConfigWriter.toYaml(config);

        RillConfig read = new ConfigLoader().parse(yaml, config.source(), List.of()).config();

        assertEquals(config, read, yaml);
    }

    @Test
    void written_yaml_has_every_default_and_no_source() throws ConfigException {
        RillConfig config = new ConfigLoader().parse(Fixtures.BASE, Path.of("c.yaml"), List.of()).config();

        String yaml = ConfigWriter.toYaml(config);

        for (String key : List.of("task:", "corpus:", "format:", "splits:", "tokenizer:", "lowercase:", "vocab_size:", "min_frequency:",
                "max_length:", "limit:", "dev_fraction:", "embedding:", "layers:", "cell:", "units:", "bidirectional:", "dropout:", "pooling:",
                "output_dropout:", "weight_init:", "epochs:", "batch_size:", "optimizer:", "type:", "learning_rate:", "momentum:",
                "weight_decay:", "gradient_clip:", "tbptt:", "seed:", "log_every:", "lr_schedule:", "checkpoint_every:", "dir: runs/c")) {
            assertTrue(yaml.contains(key), () -> key + " missing from\n" + yaml);
        }
        assertFalse(yaml.contains("source"));
        assertFalse(yaml.contains("null"));
    }

    @Test
    void sections_are_written_in_documented_order() throws ConfigException {
        String yaml = ConfigWriter.toYaml(new ConfigLoader().parse(Fixtures.BASE, null, List.of()).config());

        List<String> topLevel = yaml.lines().filter(line -> !line.startsWith(" ")).map(line -> line.replaceFirst(":.*", "")).toList();
        assertEquals(List.of("task", "data", "model", "training", "output"), topLevel);
    }
}
