package dev.rill.config;

import java.util.List;

/**
 * Rules that involve more than one section: each setting is valid alone, but together they
 * cannot be trained.
 */
final class ConflictCheck {

    private final BindContext ctx;

    ConflictCheck(BindContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param task the task, or {@code null} when it was missing or invalid (already reported)
     * @param data the data section, or {@code null} when it was missing (already reported)
     */
    void check(TaskType task, DataConfig data, ModelConfig model, TrainingConfig training) {
        checkFormat(task, data);
        checkCharFeatures(task, model);
        checkPooling(task, model, training);
        checkBidirectional(model, training);
        checkTruncatedCells(model, training);
        checkEarlyStopping(task, data, training);
        checkModelType(task, model);
        checkLanguageModel(task, data, model, training);
        checkGeneratorsReadForwards(task, model);
        checkCondition(task, model);
    }

    /** Only a conditioned generator has a label to read; first_step elsewhere would be silently ignored. */
    private void checkCondition(TaskType task, ModelConfig model) {
        if (model.condition() != ConditionInput.EVERY_STEP && task != null && task != TaskType.CONDITIONED_GENERATION) {
            ctx.problems().add(at("model.condition"), "conflict",
                    "model.condition: " + model.condition().yamlName() + " says where a generator reads its label; it applies to task "
                            + TaskType.CONDITIONED_GENERATION.yamlName() + ", but task is " + task.yamlName(),
                    "remove model.condition");
        }
    }

    /** Models that predict the next token may not read ahead: no bidirectional layers. */
    private void checkGeneratorsReadForwards(TaskType task, ModelConfig model) {
        if (task != TaskType.LANGUAGE_MODEL && task != TaskType.CONDITIONED_GENERATION || model.type().counted()) {
            return;
        }
        List<LayerConfig> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).bidirectional()) {
                ctx.problems().add(at("model.layers." + i + ".bidirectional"), "conflict",
                        "task " + task.yamlName() + " predicts each token from the ones before it; a bidirectional layer (model.layers." + i
                                + ") would read the token it has to predict",
                        "set bidirectional: false");
            }
        }
    }

    /** The count-based models predict the next token of a text: they exist for language models only. */
    private void checkModelType(TaskType task, ModelConfig model) {
        if (task != null && task != TaskType.LANGUAGE_MODEL && model.type().counted()) {
            ctx.problems().add(at("model.type"), "conflict",
                    "model.type: " + model.type().yamlName() + " is a language-model baseline, but task is " + task.yamlName(),
                    "use model.type: rnn, or task: language_model");
        }
    }

    /**
     * A language model reads a text stream in windows of training.sequence_length steps; settings
     * about whole examples do not apply to it, and its window does not apply to other tasks.
     */
    private void checkLanguageModel(TaskType task, DataConfig data, ModelConfig model, TrainingConfig training) {
        if (task == null) {
            return;
        }
        if (task != TaskType.LANGUAGE_MODEL) {
            if (ctx.locations().containsKey("training.sequence_length")) {
                ctx.problems().add(at("training.sequence_length"), "conflict",
                        "training.sequence_length cuts a language model's text stream into windows, but task is " + task.yamlName()
                                + ", which reads whole examples",
                        "remove training.sequence_length (data.max_length cuts long examples)");
            }
            return;
        }
        if (data != null && data.maxLength() > 0) {
            ctx.problems().add(at("data.max_length"), "conflict",
                    "data.max_length cuts examples, but task language_model reads each split as one stream of text",
                    "remove data.max_length; training.sequence_length sets the window a minibatch row covers");
        }
        if (data != null && data.devFraction() > 0) {
            ctx.problems().add(at("data.dev_fraction"), "conflict",
                    "data.dev_fraction holds out examples, but task language_model reads each split as one stream of text",
                    "remove data.dev_fraction and name a held-out file, e.g. data.splits.val");
        }
        if (model.type().counted()) {
            return;
        }
        int tbptt = training.tbptt();
        if (tbptt > 0 && training.sequenceLength() % tbptt != 0) {
            int segments = Math.max(1, Math.round((float) training.sequenceLength() / tbptt));
            ctx.problems().add(at("training.sequence_length"), "conflict",
                    "training.sequence_length " + training.sequenceLength() + " is not a multiple of training.tbptt " + tbptt
                            + ": each minibatch row is cut into tbptt segments that carry the state",
                    "set training.sequence_length: " + segments * tbptt + " (" + segments + " segment" + (segments == 1 ? "" : "s")
                            + " per minibatch row)");
        }
    }

    /**
     * Early stopping watches the dev score, so a config without dev data could never stop early. A
     * language model's dev score comes from its val split, else its dev split.
     */
    private void checkEarlyStopping(TaskType task, DataConfig data, TrainingConfig training) {
        if (training.earlyStopping() == null || data == null) {
            return;
        }
        boolean val = task == TaskType.LANGUAGE_MODEL && data.splits().containsKey("val");
        if (!data.splits().containsKey("dev") && !val && data.devFraction() <= 0) {
            ctx.problems().add(at("training.early_stopping"), "conflict",
                    "training.early_stopping watches the dev score, but the config has no dev split",
                    "add data.splits.dev, or hold part of train out with data.dev_fraction (e.g. 0.1), or remove training.early_stopping");
        }
    }

    /**
     * DL4J 1.0.0-M2.1's SimpleRnn backpropagates each truncated-BPTT segment from a zero state instead
     * of the carried one, so its gradients after the first segment are wrong (shown by
     * Dl4jTbpttDefectTest in rill-layers). Rill's GRU and LSTM carry the state correctly.
     */
    private void checkTruncatedCells(ModelConfig model, TrainingConfig training) {
        if (!training.truncatedBptt() || model.type().counted()) {
            return;
        }
        List<LayerConfig> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            CellType cell = layers.get(i).cell();
            if (cell == CellType.RNN) {
                ctx.problems().add(at("training.tbptt"), "conflict",
                        "cell: " + cell.yamlName() + " (model.layers." + i + ") cannot train with truncated BPTT: DL4J 1.0.0-M2.1's "
                                + "SimpleRnn layer backpropagates each segment from a zero state, so its gradients are wrong",
                        "use cell: gru or lstm (Rill's layers carry the state correctly), or set training.tbptt: 0");
                return;
            }
        }
    }

    /** Each task reads the formats that carry what it learns: a label per text, a tag per token, running text. */
    private void checkFormat(TaskType task, DataConfig data) {
        if (task == null || data == null) {
            return;
        }
        List<DataFormat> formats = switch (task) {
            case CLASSIFICATION, CONDITIONED_GENERATION -> List.of(DataFormat.LABEL_TEXT_TSV);
            case TAGGING -> List.of(DataFormat.CONLLU, DataFormat.FORM_TAG_TSV);
            case LANGUAGE_MODEL -> List.of(DataFormat.PLAIN_TEXT);
        };
        if (!formats.contains(data.format())) {
            List<String> names = formats.stream().map(DataFormat::yamlName).toList();
            ctx.problems().add(at("data.format"), "conflict",
                    "task " + task.yamlName() + " reads data.format " + String.join(" or ", names) + ", not " + data.format().yamlName(),
                    "set data.format: " + names.get(0) + (names.size() > 1 ? " (or " + String.join(", ", names.subList(1, names.size())) + ")" : "")
                            + ", or choose the task that matches the files");
        }
    }

    private void checkCharFeatures(TaskType task, ModelConfig model) {
        if (model.wordDropout() > 0 && task != null && task != TaskType.TAGGING) {
            ctx.problems().add(at("model.word_dropout"), "conflict",
                    "model.word_dropout applies to task tagging, but task is " + task.yamlName(),
                    "remove model.word_dropout, or use task: tagging");
        }
        if (model.charCnn() != null && task != null && task != TaskType.TAGGING) {
            ctx.problems().add(at("model.char_cnn"), "conflict",
                    "model.char_cnn builds a feature per word for task tagging, but task is " + task.yamlName(),
                    "remove model.char_cnn, or use task: tagging");
        }
    }

    private void checkPooling(TaskType task, ModelConfig model, TrainingConfig training) {
        Pooling pooling = model.pooling();
        if (pooling == Pooling.LAST) {
            return;
        }
        if (task != null && task != TaskType.CLASSIFICATION) {
            ctx.problems().add(at("model.pooling"), "conflict",
                    "model.pooling: " + pooling.yamlName() + " only applies to task classification, but task is " + task.yamlName(),
                    "remove model.pooling or set it to last");
        }
        if (training.truncatedBptt()) {
            ctx.problems().add(at("model.pooling"), "conflict",
                    "model.pooling: " + pooling.yamlName() + " needs the whole sequence, but training.tbptt: " + training.tbptt()
                            + " cuts it into segments",
                    "set training.tbptt: 0 or model.pooling: last");
        }
    }

    private void checkBidirectional(ModelConfig model, TrainingConfig training) {
        if (!training.truncatedBptt() || model.type().counted()) {
            return;
        }
        List<LayerConfig> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).bidirectional()) {
                ctx.problems().add(at("training.tbptt"), "conflict",
                        "a bidirectional layer (model.layers." + i + ") needs the whole sequence; truncated BPTT cannot be used with it",
                        "set training.tbptt: 0 or make the layer unidirectional");
                return; // one report is enough: the fix is the same for every such layer
            }
        }
    }

    private SourceLocation at(String path) {
        return ctx.locationOf(path);
    }
}
