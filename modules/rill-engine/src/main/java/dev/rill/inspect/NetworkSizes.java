package dev.rill.inspect;

import dev.rill.config.ModelConfig;
import dev.rill.config.RillConfig;
import dev.rill.config.TrainingConfig;
import dev.rill.engine.NetworkFactory;
import dev.rill.engine.WordFeatures;
import dev.rill.text.DataException;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The sizes a network's layers depend on besides the config: vocabulary rows and output classes.
 * They come from the data ({@link DataScan#sizes()}) or, without reading it, from upper bounds.
 *
 * @param words   word (token) vocabulary rows, {@code <pad>} and {@code <unk>} included
 * @param chars   character vocabulary rows, or 0 when the model reads no characters
 * @param classes labels of a classifier, tags of a tagger
 */
public record NetworkSizes(int words, int chars, int classes) {

    /** Characters assumed when the data is not read: printable ASCII and common Latin-1 letters fit. */
    public static final int ASSUMED_CHARACTERS = 256;

    public NetworkSizes {
        if (words < 2 || chars < 0 || classes < 2) {
            throw new IllegalArgumentException("words >= 2, chars >= 0, classes >= 2, got " + words + ", " + chars + ", " + classes);
        }
    }

    /** The network training builds for {@code config} with these sizes (via {@link NetworkFactory}). */
    public MultiLayerNetwork build(RillConfig config) {
        return build(config, config.model(), config.training());
    }

    /** The network of {@code config}'s task with another model or training section (same sizes). */
    public MultiLayerNetwork build(RillConfig config, ModelConfig model, TrainingConfig training) {
        return switch (config.task()) {
            case CLASSIFICATION -> NetworkFactory.classifier(model, training, words, classes);
            case TAGGING -> NetworkFactory.tagger(model, training, features(model, config.data().lowercase()), classes);
            default -> throw new DataException("task '" + config.task().yamlName() + "' has no network plan yet");
        };
    }

    /**
     * Vocabularies of the right sizes: the network only depends on how many rows they have, so
     * placeholder tokens build the same network as the real vocabularies.
     */
    private WordFeatures features(ModelConfig model, boolean lowercase) {
        Vocabulary wordVocabulary = placeholder(words);
        Vocabulary charVocabulary = model.charCnn() == null ? null : placeholder(Math.max(2, chars));
        return new WordFeatures(wordVocabulary, charVocabulary, lowercase, model.charCnn() == null ? 0 : model.charCnn().maxChars());
    }

    private static Vocabulary placeholder(int size) {
        List<String> tokens = IntStream.range(0, size - 2).mapToObj(i -> "t" + i).toList();
        return Vocabulary.of(tokens);
    }
}
