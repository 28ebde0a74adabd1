package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.LabelSet;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Optional;

/**
 * A config's data read the way training reads it: the same split files and readers
 * ({@code DataSplits}), the same text pipeline, vocabularies built from the training split with the
 * configured size and frequency cut, the same label order. Evaluation splits are read on demand, so
 * a broken dev file does not hide what is known about train.
 */
public sealed interface DataScan permits ClassificationScan, TaggingScan {

    /**
     * Reads the training split and builds the vocabularies from it.
     *
     * @throws DataException when the training split is missing or malformed, or the task cannot be scanned
     */
    static DataScan read(RillConfig config, CorpusStore store) {
        return switch (config.task()) {
            case CLASSIFICATION -> ClassificationScan.read(config, store);
            case TAGGING -> TaggingScan.read(config, store);
            default -> throw new DataException("task '" + config.task().yamlName()
                    + "' cannot be inspected yet; plan, doctor and diagnose read task: classification and task: tagging");
        };
    }

    /** The training split. */
    ScannedSplit train();

    /**
     * A split other than train, with tokens looked up in the training vocabulary.
     *
     * @return empty when the config names no such split
     * @throws DataException when the split's file is missing or malformed
     */
    Optional<ScannedSplit> split(String name);

    /** Rows of the word (token) vocabulary, {@code <pad>} and {@code <unk>} included. */
    int vocabularySize();

    /** Rows of the character vocabulary, or 0 when the model reads no characters. */
    int characterVocabularySize();

    /**
     * The classes (labels or tags) in the order training uses.
     *
     * @throws DataException when the training split has fewer than two
     */
    LabelSet labels();

    /** What the network's layer sizes depend on. */
    default NetworkSizes sizes() {
        return new NetworkSizes(vocabularySize(), characterVocabularySize(), labels().size());
    }

    /**
     * A training minibatch of the given training examples, as training makes it (padded, masked).
     *
     * @param rows    indexes into {@link #train()}
     * @param pooling the classifier head the labels are shaped for (taggers ignore it)
     */
    DataSet trainBatch(int[] rows, Pooling pooling);
}
