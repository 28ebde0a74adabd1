package dev.rill.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the {@code model} section and its layers; see {@link ModelConfig} and {@link LayerConfig}. */
final class ModelBinder {

    static final List<String> KEYS = List.of("type", "embedding", "layers", "pooling", "output_dropout", "weight_init", "char_cnn",
            "word_dropout", "order", "smoothing", "condition");
    /** Keys that describe a network: not written for a count-based model. */
    static final List<String> NETWORK_KEYS = List.of("embedding", "layers", "pooling", "output_dropout", "weight_init", "char_cnn",
            "word_dropout", "condition");
    /** Keys of the count-based baselines: not written for a network. */
    static final List<String> COUNT_KEYS = List.of("order", "smoothing");
    static final List<String> CHAR_CNN_KEYS = List.of("embedding", "filters", "width", "max_chars");
    static final List<String> LAYER_KEYS = List.of("cell", "units", "bidirectional", "dropout");

    static final int DEFAULT_UNITS = 128;
    static final LayerConfig DEFAULT_LAYER = new LayerConfig(CellType.LSTM, DEFAULT_UNITS, false, 0.0);

    /** Dropout must leave something to train on, hence the open upper bound. */
    private static final Range DROPOUT = Range.closedOpen(0, 1);

    /** Longest n-gram accepted; the vocabulary may allow less (ids of n tokens are packed into 64 bits). */
    static final int MAX_ORDER = 16;
    static final int DEFAULT_ORDER = 3;
    static final double DEFAULT_ADD_K = 1.0;

    ModelConfig bind(YamlSection model) {
        model.allowOnly(KEYS);
        ModelType type = model.choice("type", ModelType.RNN, ModelType.values(), ModelType::yamlName);
        checkKeysOfType(model, type);
        int embedding = model.integer("embedding", 128, Range.atLeast(1));
        List<LayerConfig> layers = model.list("layers").map(items -> layers(model, items)).orElse(List.of(DEFAULT_LAYER));
        Pooling pooling = model.choice("pooling", Pooling.LAST, Pooling.values(), Pooling::yamlName);
        double outputDropout = model.decimal("output_dropout", 0.0, DROPOUT);
        WeightInitKind weightInit = model.choice("weight_init", WeightInitKind.XAVIER, WeightInitKind.values(), WeightInitKind::yamlName);
        CharCnnConfig charCnn = charCnn(model.section("char_cnn"));
        double wordDropout = model.decimal("word_dropout", 0.0, DROPOUT);
        ConditionInput condition = model.choice("condition", ConditionInput.EVERY_STEP, ConditionInput.values(), ConditionInput::yamlName);
        return switch (type) {
            case RNN -> new ModelConfig(embedding, layers, pooling, outputDropout, weightInit, charCnn, wordDropout, type, 0, 0.0, condition);
            case MARKOV -> new ModelConfig(embedding, layers, pooling, outputDropout, weightInit, charCnn, wordDropout, type, 2,
                    model.decimal("smoothing", DEFAULT_ADD_K, Range.above(0)), condition);
            case NGRAM -> new ModelConfig(embedding, layers, pooling, outputDropout, weightInit, charCnn, wordDropout, type,
                    model.integer("order", DEFAULT_ORDER, Range.closed(1, MAX_ORDER)), model.decimal("smoothing", 0.0, Range.closed(0, 1)),
                    condition);
        };
    }

    /**
     * Each type reads its own keys; a key of another type would be silently ignored, so it is an
     * error, as an unknown key is.
     */
    private static void checkKeysOfType(YamlSection model, ModelType type) {
        BindContext ctx = model.context();
        List<String> foreign = type == ModelType.RNN ? COUNT_KEYS : NETWORK_KEYS;
        for (String key : foreign) {
            if (!model.has(key)) {
                continue;
            }
            String path = model.pathOf(key);
            if (type == ModelType.RNN) {
                ctx.problems().add(ctx.locationOf(path), "conflict",
                        path + " applies to the count-based language models (model.type: markov or ngram), but model.type is rnn",
                        "remove " + path + ", or set model.type: ngram");
            } else {
                ctx.problems().add(ctx.locationOf(path), "conflict",
                        path + " describes a network, but model.type: " + type.yamlName() + " is counted from the text and has none",
                        "remove " + path + ", or set model.type: rnn");
            }
        }
        if (type == ModelType.MARKOV && model.has("order")) {
            String path = model.pathOf("order");
            ctx.problems().add(ctx.locationOf(path), "conflict",
                    path + " is the n of model.type: ngram; a Markov chain (model.type: markov) is first order",
                    "remove " + path + ", or set model.type: ngram");
        }
    }

    /** Absent (or null) means no character features; written as a mapping, every key has a default. */
    private static CharCnnConfig charCnn(YamlSection chars) {
        if (!chars.present()) {
            return null;
        }
        chars.allowOnly(CHAR_CNN_KEYS);
        int embedding = chars.integer("embedding", 32, Range.closed(1, 1024));
        int filters = chars.integer("filters", 64, Range.closed(1, 4096));
        int width = chars.integer("width", 3, Range.closed(1, 15));
        if (width % 2 == 0) {
            BindContext ctx = chars.context();
            ctx.problems().add(ctx.locationOf(chars.pathOf("width")), "invalid-value",
                    chars.pathOf("width") + " must be odd (the window is centred on each character), got " + width,
                    "use " + (width + 1) + " or " + (width - 1));
        }
        int maxChars = chars.integer("max_chars", 20, Range.closed(1, 200));
        return new CharCnnConfig(embedding, filters, width, maxChars);
    }

    private static List<LayerConfig> layers(YamlSection model, List<Node> items) {
        BindContext ctx = model.context();
        String path = model.pathOf("layers");
        if (items.isEmpty()) {
            ctx.problems().add(ctx.locationOf(path), "invalid-value",
                    path + " needs at least one layer", "for example layers: [{cell: lstm, units: 128}]");
            return List.of(DEFAULT_LAYER);
        }
        List<LayerConfig> layers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "." + i;
            ctx.record(itemPath, item);
            layer(ctx, itemPath, item).ifPresent(layers::add);
        }
        return layers.isEmpty() ? List.of(DEFAULT_LAYER) : layers;
    }

    private static Optional<LayerConfig> layer(BindContext ctx, String path, Node item) {
        if (!(item instanceof MappingNode mapping)) {
            ctx.values().wrongType(item, path, "a mapping");
            return Optional.empty();
        }
        YamlSection layer = YamlSection.of(ctx, path, mapping);
        layer.allowOnly(LAYER_KEYS);
        CellType cell = layer.choice("cell", CellType.LSTM, CellType.values(), CellType::yamlName);
        int units = layer.integer("units", DEFAULT_UNITS, Range.closed(1, 65536));
        boolean bidirectional = layer.flag("bidirectional", false);
        double dropout = layer.decimal("dropout", 0.0, DROPOUT);
        return Optional.of(new LayerConfig(cell, units, bidirectional, dropout));
    }
}
