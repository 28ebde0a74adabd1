package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.LabelSet;
import dev.rill.text.LengthBuckets;
import dev.rill.text.TaggedSentence;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Many-to-many, aligned: a tag per token, read from CoNLL-U or {@code FORM<TAB>TAG} splits. */
public final class TaggingAdapter implements TaskAdapter {

    private final Tagger tagger;
    private final WordFeatures features;
    private final LabelSet tags;
    private final TaggingData train;
    private final Map<String, TaggingData> eval;
    private final int batchSize;
    private final double wordDropout;

    private TaggingAdapter(Tagger tagger, WordFeatures features, LabelSet tags, TaggingData train, Map<String, TaggingData> eval,
                           int batchSize, double wordDropout) {
        this.tagger = tagger;
        this.features = features;
        this.tags = tags;
        this.train = train;
        this.eval = eval;
        this.batchSize = batchSize;
        this.wordDropout = wordDropout;
    }

    /** Reads and encodes the splits, builds the vocabularies and tag set from train, and the network. */
    public static TaggingAdapter prepare(RillConfig config, CorpusStore store) {
        DataSplits<TaggedSentence> splits = DataSplits.tagged(config, store);
        DataSplits.Rows<TaggedSentence> trainSplit = splits.require("train");
        WordFeatures features = WordFeatures.build(trainSplit.rows(), config.data(), config.model());
        LabelSet tags = TaggingData.tagSet(trainSplit.rows(), trainSplit.file());
        TaggingData train = TaggingData.encode(trainSplit.rows(), trainSplit.file(), features, tags);
        Map<String, TaggingData> eval = new LinkedHashMap<>();
        for (String split : List.of("dev", "test")) {
            splits.split(split).ifPresent(r -> eval.put(split, TaggingData.encode(r.rows(), r.file(), features, tags)));
        }
        Tagger tagger = new Tagger(NetworkFactory.tagger(config.model(), config.training(), features, tags.size()), features.channels());
        return new TaggingAdapter(tagger, features, tags, train, eval, config.training().batchSize(), config.model().wordDropout());
    }

    @Override
    public MultiLayerNetwork network() {
        return tagger.network();
    }

    @Override
    public String describe() {
        StringBuilder sizes = new StringBuilder();
        eval.forEach((k, v) -> sizes.append(", ").append(k).append(' ').append(v.size()));
        return String.format(Locale.ROOT, "%d train sentences (%d tokens), vocabulary %d words%s, %d tags%s",
                train.size(), train.tokens(), features.words().size(),
                features.chars() == null ? "" : " and " + features.chars().size() + " characters", tags.size(), sizes);
    }

    @Override
    public int trainExamples() {
        return train.size();
    }

    /** Shuffled pools sorted by length, so a minibatch holds similar lengths and little padding. */
    @Override
    public Iterable<DataSet> trainBatches(Random rng) {
        List<int[]> batches = LengthBuckets.shuffled(train.lengths(), batchSize, rng);
        // Its own generator, drawn now, so the epoch's word dropout is fixed however the batches are consumed.
        Random dropout = new Random(rng.nextLong());
        List<WordFeatures.TaggerInput> inputs = train.inputs();
        return () -> batches.stream().map(rows -> {
            List<WordFeatures.TaggerInput> read = wordDropout > 0 ? WordFeatures.withWordDropout(inputs, rows, wordDropout, dropout) : inputs;
            return TaggingBatch.dataSet(read, train.tags(), rows, features.channels(), tags.size());
        }).iterator();
    }

    @Override
    public long trainTokens() {
        return train.tokens();
    }

    @Override
    public boolean hasDev() {
        return eval.containsKey("dev");
    }

    @Override
    public String devMetric() {
        return "token accuracy";
    }

    @Override
    public double devScore() {
        return score(eval.get("dev")).accuracy();
    }

    @Override
    public Map<String, TaskMetrics> evaluate() {
        Map<String, TaskMetrics> out = new LinkedHashMap<>();
        eval.forEach((split, data) -> out.put(split, score(data)));
        return out;
    }

    private TaggingMetrics score(TaggingData data) {
        return TaggingMetrics.of(tags.labels(), data.inputs(), data.tags(), tagger.predict(data.inputs(), batchSize));
    }

    @Override
    public ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance) {
        return new ModelBundle(config, features.words(), tags.labels(), tagger.network(), metrics, provenance, features.chars());
    }
}
