package dev.rill.engine;

import dev.rill.config.CharCnnConfig;
import dev.rill.config.TaskType;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.LabelSet;
import dev.rill.text.TaggedSentence;

import java.util.ArrayList;
import java.util.List;

/**
 * A tagger loaded from a bundle, with the word features it was trained with: what
 * {@code rill tag}, {@code rill evaluate} and {@code rill serve} use.
 *
 * <p>Not thread-safe (its DL4J network is not): give each thread its own {@link #copy()}.
 */
public final class TrainedTagger {

    private static final int BATCH = 64;

    private final ModelBundle bundle;
    private final WordFeatures features;
    private final Tagger tagger;

    /** @throws DataException when the bundle holds another task's model */
    public TrainedTagger(ModelBundle bundle) {
        if (bundle.config().task() != TaskType.TAGGING) {
            throw new DataException("this bundle holds a " + bundle.config().task().yamlName()
                    + " model, not a tagger; `rill tag` and tagging evaluation need a bundle trained with task: tagging");
        }
        this.bundle = bundle;
        CharCnnConfig chars = bundle.config().model().charCnn();
        this.features = new WordFeatures(bundle.vocabulary(), bundle.characters(), bundle.config().data().lowercase(),
                chars == null ? 0 : chars.maxChars());
        this.tagger = new Tagger(bundle.network(), features.channels());
    }

    private TrainedTagger(ModelBundle bundle, WordFeatures features, Tagger tagger) {
        this.bundle = bundle;
        this.features = features;
        this.tagger = tagger;
    }

    /**
     * The same model with its own copy of the network, for another thread (a DL4J network is not
     * thread-safe). The word features are shared: they only read the vocabularies.
     */
    public TrainedTagger copy() {
        return new TrainedTagger(bundle, features, tagger.copy());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** The tags of each tokenized sentence, in order. */
    public List<List<String>> tag(List<List<String>> sentences) {
        List<WordFeatures.TaggerInput> inputs = sentences.stream().map(features::encode).toList();
        int[][] predicted = tagger.predict(inputs, BATCH);
        List<List<String>> out = new ArrayList<>(predicted.length);
        for (int[] row : predicted) {
            out.add(java.util.Arrays.stream(row).mapToObj(bundle.labels()::get).toList());
        }
        return out;
    }

    /** Scores the model on one of its config's splits (fetching the corpus if needed). */
    public TaggingMetrics evaluate(String split, CorpusStore store) {
        DataSplits.Rows<TaggedSentence> rows = DataSplits.tagged(bundle.config(), store).require(split);
        TaggingData data = TaggingData.encode(rows.rows(), rows.file(), features, new LabelSet(bundle.labels()));
        return TaggingMetrics.of(bundle.labels(), data.inputs(), data.tags(), tagger.predict(data.inputs(), BATCH));
    }
}
