package dev.rill.config;

import static dev.rill.config.Fixtures.BASE;
import static dev.rill.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String FULL = """
            task: classification
            data:
              dir: data
              format: label_text_tsv
              splits:
                train: a.tsv
                dev: b.tsv
              tokenizer: whitespace
              lowercase: true
              vocab_size: 5000
              min_frequency: 2
              max_length: 100
              limit: 1000
            model:
              embedding: 64
              layers:
                - {cell: gru, units: 32, bidirectional: true, dropout: 0.1}
                - cell: rnn
                  units: 16
              pooling: mean
              output_dropout: 0.2
              weight_init: relu
            training:
              epochs: 3
              batch_size: 16
              optimizer: {type: nesterovs, learning_rate: 0.01, momentum: 0.5, weight_decay: 1e-4}
              gradient_clip: 0.5
              tbptt: 0
              seed: 7
              log_every: 10
              early_stopping: {patience: 2, min_delta: 0.001}
              lr_schedule: {type: step, every: 2, gamma: 0.25}
              checkpoint_every: 100
            output:
              dir: out/x
            """;

    @TempDir
    Path tmp;

    /** Writes {@link #FULL} with its data folder into {@link #tmp}. */
    Path writeFullConfig() throws IOException {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/a.tsv"), "pos\tgood\n");
        Files.writeString(tmp.resolve("data/b.tsv"), "neg\tbad\n");
        Path file = tmp.resolve("full.yaml");
        Files.writeString(file, FULL);
        return file;
    }

    @Test
    void full_file_sets_every_key() throws Exception {
        Path file = writeFullConfig();

        RillConfig config = new ConfigLoader().load(file, List.of()).config();

        assertEquals(TaskType.CLASSIFICATION, config.task());
        assertEquals(new DataConfig(null, "data", DataFormat.LABEL_TEXT_TSV, Map.of("train", "a.tsv", "dev", "b.tsv"),
                TokenizerKind.WHITESPACE, true, 5000, 2, 100, 1000, 0.0, TagColumn.UPOS), config.data());
        assertEquals(new ModelConfig(64, List.of(new LayerConfig(CellType.GRU, 32, true, 0.1), new LayerConfig(CellType.RNN, 16, false, 0.0)),
                Pooling.MEAN, 0.2, WeightInitKind.RELU), config.model());
        assertEquals(new TrainingConfig(3, 16, new OptimizerConfig(OptimizerConfig.OptimizerType.NESTEROVS, 0.01, 0.5, 1e-4),
                0.5, 0, 7L, 10, new EarlyStoppingConfig(2, 0.001), new LearningRateSchedule.Step(2, 0.25), 100), config.training());
        assertEquals(new OutputConfig("out/x"), config.output());
        assertEquals(file, config.source());
    }

    @Test
    void minimal_file_gets_every_default() throws Exception {
        RillConfig config = parse(BASE);

        assertEquals(new DataConfig("sst2", null, DataFormat.LABEL_TEXT_TSV,
                Map.of("train", "train.tsv", "dev", "dev.tsv", "test", "test.tsv"), TokenizerKind.CORENLP, false, 20000, 1, 0, 0, 0.0, TagColumn.UPOS),
                config.data());
        assertEquals(new ModelConfig(128, List.of(new LayerConfig(CellType.LSTM, 128, false, 0.0)), Pooling.LAST, 0.0, WeightInitKind.XAVIER),
                config.model());
        assertEquals(new TrainingConfig(5, 32, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.002, 0.9, 0.0), 1.0, 0, 42L, 50),
                config.training());
        assertEquals("runs/c", config.output().dir());
    }

    @Test
    void training_runs_without_early_stopping_at_a_constant_rate_with_checkpoints_at_epoch_ends_by_default() throws Exception {
        TrainingConfig training = parse(BASE).training();

        assertNull(training.earlyStopping());
        assertEquals(new LearningRateSchedule.Constant(), training.lrSchedule());
        assertEquals(0, training.checkpointEvery());
    }

    @Test
    void early_stopping_and_schedules_get_defaults_for_keys_left_out() throws Exception {
        assertEquals(new EarlyStoppingConfig(3, 0.0), parse(BASE + "training:\n  early_stopping: {}\n").training().earlyStopping());
        assertNull(parse(BASE + "training:\n  early_stopping:\n").training().earlyStopping());
        assertEquals(new LearningRateSchedule.Constant(), parse(BASE + "training: {lr_schedule: {type: constant}}\n").training().lrSchedule());
        assertEquals(new LearningRateSchedule.Step(1, 0.5), parse(BASE + "training: {lr_schedule: {type: step}}\n").training().lrSchedule());
        assertEquals(new LearningRateSchedule.Exponential(0.9),
                parse(BASE + "training: {lr_schedule: {type: exponential}}\n").training().lrSchedule());
        assertEquals(new LearningRateSchedule.Cosine(0, 0.0), parse(BASE + "training: {lr_schedule: {type: cosine}}\n").training().lrSchedule());
        assertEquals(new LearningRateSchedule.Cosine(2, 1e-4),
                parse(BASE + "training: {lr_schedule: {type: cosine, warmup_epochs: 2, min_lr: 1e-4}}\n").training().lrSchedule());
    }

    @Test
    void layer_entries_get_defaults_for_keys_left_out() throws Exception {
        RillConfig config = parse(BASE + "model:\n  layers:\n    - {units: 64}\n    - {cell: gru}\n");

        assertEquals(List.of(new LayerConfig(CellType.LSTM, 64, false, 0.0), new LayerConfig(CellType.GRU, 128, false, 0.0)),
                config.model().layers());
    }

    @Test
    void empty_sections_read_as_all_defaults() throws Exception {
        RillConfig config = parse(BASE + "model:\ntraining:\n  # nothing yet\noutput:\n");

        assertEquals(parse(BASE).model(), config.model());
        assertEquals(parse(BASE).training(), config.training());
    }

    @Test
    void doubles_accept_integers_and_yaml_number_forms() throws Exception {
        RillConfig config = parse(BASE + "training: {gradient_clip: 2, optimizer: {learning_rate: 1.5e-3}, seed: 1_000_000_000_000}\n");

        assertEquals(2.0, config.training().gradientClip());
        assertEquals(0.0015, config.training().optimizer().learningRate());
        assertEquals(1_000_000_000_000L, config.training().seed());
    }

    @Test
    void each_task_defaults_to_the_format_it_reads() throws Exception {
        assertEquals(DataFormat.LABEL_TEXT_TSV, parse("task: classification\ndata: {corpus: a}\n").data().format());
        assertEquals(DataFormat.CONLLU, parse("task: tagging\ndata: {corpus: a}\n").data().format());
        assertEquals(DataFormat.PLAIN_TEXT, parse("task: language_model\ndata: {corpus: a}\n").data().format());
        assertEquals(DataFormat.LABEL_TEXT_TSV, parse("task: conditioned_generation\ndata: {corpus: a}\n").data().format());
        assertEquals(ConditionInput.EVERY_STEP, parse("task: conditioned_generation\ndata: {corpus: a}\n").model().condition());
        assertEquals(ConditionInput.FIRST_STEP,
                parse("task: conditioned_generation\ndata: {corpus: a}\nmodel: {condition: first_step}\n").model().condition());
    }

    @Test
    void tagger_keys_bind_with_defaults() throws Exception {
        RillConfig config = parse("task: tagging\ndata: {corpus: a, format: form_tag_tsv, tag_column: xpos}\nmodel:\n  embedding: 50\n  char_cnn: {filters: 30}\n");
        assertEquals(TagColumn.XPOS, config.data().tagColumn());
        assertEquals(new CharCnnConfig(32, 30, 3, 20), config.model().charCnn());
        assertEquals(80, config.model().inputWidth());
        assertEquals(TagColumn.UPOS, parse("task: tagging\ndata: {corpus: a}\n").data().tagColumn());
        assertEquals(null, parse("task: tagging\ndata: {corpus: a}\n").model().charCnn());
    }

    @Test
    void corpus_and_dir_written_as_null_count_as_absent() throws Exception {
        assertEquals("sst2", parse("task: tagging\ndata: {corpus: sst2, dir: null}\n").data().corpus());
    }

    @Test
    void output_dir_defaults_to_runs_and_the_config_name() throws Exception {
        ConfigLoader loader = new ConfigLoader();
        assertEquals("runs/sentiment", loader.parse(BASE, Path.of("configs/sentiment.yaml"), List.of()).config().output().dir());
        assertEquals("runs/pos", loader.parse(BASE, Path.of("pos.yml"), List.of()).config().output().dir());
        assertEquals("runs/rill", loader.parse(BASE, null, List.of()).config().output().dir());
    }

    @Test
    void parse_without_source_has_no_source() throws Exception {
        assertNull(new ConfigLoader().parse(BASE, null, List.of()).config().source());
    }

    @Test
    void data_dir_is_resolved_against_the_config_folder_not_the_working_directory() throws Exception {
        Path file = writeFullConfig();

        // Loading works although the working directory has no "data" folder.
        assertEquals("data", new ConfigLoader().load(file, List.of()).config().data().dir());
    }

    @Test
    void locations_point_at_written_values_and_fall_back_to_ancestors() throws Exception {
        LoadedConfig loaded = new ConfigLoader().load(writeFullConfig(), List.of());
        String file = tmp.resolve("full.yaml").toString();

        assertEquals(new SourceLocation(file, 3, 8), loaded.locate("data.dir"));
        assertEquals(new SourceLocation(file, 17, 26), loaded.locate("model.layers.0.units"));
        assertEquals(new SourceLocation(file, 19, 14), loaded.locate("model.layers.1.units"));
        // cell of layer 1 is written; bidirectional is defaulted, so its layer's mapping is given.
        assertEquals(new SourceLocation(file, 18, 7), loaded.locate("model.layers.1.bidirectional"));
        assertEquals(new SourceLocation(file, 1, 1), loaded.locate("no.such.path"));
        assertEquals("out/x", loaded.config().output().dir());
    }

    @Test
    void locate_without_any_location_is_the_start_of_the_file() throws Exception {
        RillConfig config = parse(BASE);
        assertEquals(new SourceLocation("c.yaml", 1, 1), new LoadedConfig(config, Map.of()).locate("training.epochs"));
    }
}
