package dev.rill.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a config back as YAML with every default filled in, so a run folder records exactly what
 * was trained, and {@link ConfigLoader#parse} reads it back to an equal {@link RillConfig} (given
 * the same source path). The source path itself is not written.
 */
public final class ConfigWriter {

    private ConfigWriter() {
    }

    /** The resolved config as block-style YAML, keys in the order the loader documents them. */
    public static String toYaml(RillConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("task", config.task().yamlName());
        root.put("data", data(config.data()));
        root.put("model", model(config.model(), config.task()));
        root.put("training", training(config.training(), config.task()));
        root.put("output", Map.of("dir", config.output().dir()));
        return yaml().dump(root);
    }

    private static Map<String, Object> data(DataConfig data) {
        Map<String, Object> map = new LinkedHashMap<>();
        // Only the source that is set: writing the other as null would be noise.
        if (data.corpus() != null) {
            map.put("corpus", data.corpus());
        }
        if (data.dir() != null) {
            map.put("dir", data.dir());
        }
        map.put("format", data.format().yamlName());
        map.put("splits", splits(data.splits()));
        map.put("tokenizer", data.tokenizer().yamlName());
        map.put("lowercase", data.lowercase());
        map.put("vocab_size", data.vocabSize());
        map.put("min_frequency", data.minFrequency());
        map.put("max_length", data.maxLength());
        map.put("limit", data.limit());
        map.put("dev_fraction", data.devFraction());
        map.put("tag_column", data.tagColumn().yamlName());
        return map;
    }

    /** train, dev, test first (DataConfig's map has no order), then other splits by name, for a stable file. */
    private static Map<String, String> splits(Map<String, String> splits) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : List.of("train", "dev", "test")) {
            if (splits.containsKey(name)) {
                ordered.put(name, splits.get(name));
            }
        }
        splits.keySet().stream().sorted().forEach(name -> ordered.putIfAbsent(name, splits.get(name)));
        return ordered;
    }

    /** Only the keys of the model's type (the loader rejects the keys of another type); condition only for a generator. */
    private static Map<String, Object> model(ModelConfig model, TaskType task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", model.type().yamlName());
        if (model.type().counted()) {
            if (model.type() == ModelType.NGRAM) {
                map.put("order", model.order());
            }
            map.put("smoothing", model.smoothing());
            return map;
        }
        map.put("embedding", model.embedding());
        map.put("layers", model.layers().stream().map(ConfigWriter::layer).toList());
        map.put("pooling", model.pooling().yamlName());
        map.put("output_dropout", model.outputDropout());
        map.put("weight_init", model.weightInit().yamlName());
        map.put("word_dropout", model.wordDropout());
        if (task == TaskType.CONDITIONED_GENERATION) {
            map.put("condition", model.condition().yamlName());
        }
        if (model.charCnn() != null) {
            CharCnnConfig c = model.charCnn();
            Map<String, Object> chars = new LinkedHashMap<>();
            chars.put("embedding", c.embedding());
            chars.put("filters", c.filters());
            chars.put("width", c.width());
            chars.put("max_chars", c.maxChars());
            map.put("char_cnn", chars);
        }
        return map;
    }

    private static Map<String, Object> layer(LayerConfig layer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cell", layer.cell().yamlName());
        map.put("units", layer.units());
        map.put("bidirectional", layer.bidirectional());
        map.put("dropout", layer.dropout());
        return map;
    }

    private static Map<String, Object> training(TrainingConfig training, TaskType task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", training.epochs());
        map.put("batch_size", training.batchSize());
        map.put("optimizer", optimizer(training.optimizer()));
        map.put("gradient_clip", training.gradientClip());
        map.put("tbptt", training.tbptt());
        map.put("seed", training.seed());
        map.put("log_every", training.logEvery());
        // Absent means off; writing null would read back the same but says less.
        if (training.earlyStopping() != null) {
            Map<String, Object> stopping = new LinkedHashMap<>();
            stopping.put("patience", training.earlyStopping().patience());
            stopping.put("min_delta", training.earlyStopping().minDelta());
            map.put("early_stopping", stopping);
        }
        map.put("lr_schedule", schedule(training.lrSchedule()));
        map.put("checkpoint_every", training.checkpointEvery());
        if (task == TaskType.LANGUAGE_MODEL) {
            map.put("sequence_length", training.sequenceLength());
        }
        return map;
    }

    /** Only the keys of the schedule's type: the loader rejects the keys of another type. */
    private static Map<String, Object> schedule(LearningRateSchedule schedule) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", schedule.type().yamlName());
        // Java 17 has no pattern switch; the interface is sealed, so these are all the cases.
        if (schedule instanceof LearningRateSchedule.Step s) {
            map.put("every", s.every());
            map.put("gamma", s.gamma());
        } else if (schedule instanceof LearningRateSchedule.Exponential e) {
            map.put("gamma", e.gamma());
        } else if (schedule instanceof LearningRateSchedule.Cosine c) {
            map.put("warmup_epochs", c.warmupEpochs());
            map.put("min_lr", c.minLr());
        }
        return map;
    }

    private static Map<String, Object> optimizer(OptimizerConfig optimizer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", optimizer.type().yamlName());
        map.put("learning_rate", optimizer.learningRate());
        map.put("momentum", optimizer.momentum());
        map.put("weight_decay", optimizer.weightDecay());
        return map;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return new Yaml(options);
    }
}
