package dev.rill.inspect;

import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.TaskType;
import dev.rill.layers.WordCharEmbeddingConfig;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;

/**
 * Names DL4J layers as the config names them ({@code lstm 128}, not {@code LSTM}), so a plan reads
 * like the YAML it came from. Layers are in {@code NetworkFactory}'s order: the embedding, one
 * layer per {@code model.layers} entry, then the head.
 */
final class LayerKinds {

    private LayerKinds() {
    }

    static String describe(int index, Layer layer, ModelConfig model, TaskType task) {
        if (layer instanceof EmbeddingSequenceLayer e) {
            return "embedding " + e.getNIn() + " x " + e.getNOut();
        }
        if (layer instanceof WordCharEmbeddingConfig w) {
            return "word+char CNN embedding " + w.getNWords() + " x " + w.getWordDim() + " + chars " + w.getNChars() + " x "
                    + w.getCharDim() + ", " + w.getFilters() + " filters of width " + w.getWidth();
        }
        if (index >= 1 && index <= model.layers().size()) {
            LayerConfig c = model.layers().get(index - 1);
            return (c.bidirectional() ? "bidirectional " + c.cell().yamlName() + " 2 x " : c.cell().yamlName() + " ") + c.units()
                    + (c.dropout() > 0 ? " (input dropout " + c.dropout() + ")" : "");
        }
        if (layer instanceof GlobalPoolingLayer) {
            return model.pooling().yamlName() + " pooling over time";
        }
        if (layer instanceof RnnOutputLayer) {
            return task == TaskType.CLASSIFICATION ? "output softmax (scored at the last step)" : "output softmax at every step";
        }
        if (layer instanceof OutputLayer) {
            return "output softmax";
        }
        return layer.getClass().getSimpleName();
    }
}
