package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.engine.DataSplits;
import dev.rill.engine.TaggingBatch;
import dev.rill.engine.TaggingData;
import dev.rill.engine.WordFeatures;
import dev.rill.text.LabelSet;
import dev.rill.text.TaggedSentence;
import dev.rill.text.Vocabulary;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Tagged sentences (CoNLL-U, {@code FORM<TAB>TAG}) as {@code TaggingAdapter} reads them. */
public final class TaggingScan implements DataScan {

    private final DataSplits<TaggedSentence> splits;
    private final DataSplits.Rows<TaggedSentence> trainRows;
    private final WordFeatures features;
    private final ScannedSplit train;
    private TaggingData encodedTrain;

    private TaggingScan(DataSplits<TaggedSentence> splits, DataSplits.Rows<TaggedSentence> trainRows, WordFeatures features) {
        this.splits = splits;
        this.trainRows = trainRows;
        this.features = features;
        this.train = scan("train", trainRows);
    }

    static TaggingScan read(RillConfig config, CorpusStore store) {
        DataSplits<TaggedSentence> splits = DataSplits.tagged(config, store);
        DataSplits.Rows<TaggedSentence> trainRows = splits.require("train");
        return new TaggingScan(splits, trainRows, WordFeatures.build(trainRows.rows(), config.data(), config.model()));
    }

    @Override
    public ScannedSplit train() {
        return train;
    }

    @Override
    public Optional<ScannedSplit> split(String name) {
        return name.equals("train") ? Optional.of(train) : splits.split(name).map(rows -> scan(name, rows));
    }

    private ScannedSplit scan(String name, DataSplits.Rows<TaggedSentence> rows) {
        List<ScannedExample> examples = rows.rows().stream().map(s -> {
            int unknown = (int) Arrays.stream(features.encode(s.forms()).words()).filter(id -> id == Vocabulary.UNK_ID).count();
            return new ScannedExample(s.line(), String.join(" ", s.forms()), s.size(), s.size(), unknown, s.tags());
        }).toList();
        return new ScannedSplit(name, rows.file(), examples);
    }

    @Override
    public int vocabularySize() {
        return features.words().size();
    }

    @Override
    public int characterVocabularySize() {
        return features.chars() == null ? 0 : features.chars().size();
    }

    @Override
    public LabelSet labels() {
        return TaggingData.tagSet(trainRows.rows(), trainRows.file());
    }

    @Override
    public synchronized DataSet trainBatch(int[] rows, Pooling pooling) {
        LabelSet tags = labels();
        if (encodedTrain == null) {
            encodedTrain = TaggingData.encode(trainRows.rows(), trainRows.file(), features, tags);
        }
        return TaggingBatch.dataSet(encodedTrain.inputs(), encodedTrain.tags(), rows, features.channels(), tags.size());
    }
}
