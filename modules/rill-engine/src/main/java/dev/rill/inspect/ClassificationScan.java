package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.engine.ClassificationBatch;
import dev.rill.engine.ClassificationData;
import dev.rill.engine.DataSplits;
import dev.rill.text.LabelSet;
import dev.rill.text.LabeledText;
import dev.rill.text.TextPipeline;
import dev.rill.text.Vocabulary;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** {@code label<TAB>text} splits as {@code ClassificationAdapter} reads them. */
public final class ClassificationScan implements DataScan {

    private final DataSplits<LabeledText> splits;
    private final DataSplits.Rows<LabeledText> trainRows;
    private final TextPipeline pipeline;
    private final Vocabulary vocabulary;
    private final ScannedSplit train;
    private ClassificationData encodedTrain;

    private ClassificationScan(DataSplits<LabeledText> splits, DataSplits.Rows<LabeledText> trainRows, TextPipeline pipeline,
                               Vocabulary vocabulary) {
        this.splits = splits;
        this.trainRows = trainRows;
        this.pipeline = pipeline;
        this.vocabulary = vocabulary;
        this.train = scan("train", trainRows);
    }

    static ClassificationScan read(RillConfig config, CorpusStore store) {
        DataSplits<LabeledText> splits = DataSplits.labelled(config, store);
        DataSplits.Rows<LabeledText> trainRows = splits.require("train");
        TextPipeline pipeline = TextPipeline.of(config.data());
        // The vocabulary exactly as ClassificationAdapter builds it.
        Vocabulary vocabulary = Vocabulary.build(pipeline.count(trainRows.rows().stream().map(LabeledText::text).toList()),
                config.data().vocabSize(), config.data().minFrequency());
        return new ClassificationScan(splits, trainRows, pipeline, vocabulary);
    }

    @Override
    public ScannedSplit train() {
        return train;
    }

    @Override
    public Optional<ScannedSplit> split(String name) {
        return name.equals("train") ? Optional.of(train) : splits.split(name).map(rows -> scan(name, rows));
    }

    private ScannedSplit scan(String name, DataSplits.Rows<LabeledText> rows) {
        // The whole text is tokenized once, then cut as TextPipeline cuts it, so both lengths come from one pass.
        TextPipeline uncut = new TextPipeline(pipeline.normalizer(), pipeline.tokenizer(), 0);
        int max = pipeline.maxLength();
        List<ScannedExample> examples = IntStream.range(0, rows.rows().size()).parallel().mapToObj(i -> {
            LabeledText row = rows.rows().get(i);
            List<String> tokens = uncut.tokens(row.text());
            List<String> kept = max > 0 && tokens.size() > max ? tokens.subList(tokens.size() - max, tokens.size()) : tokens;
            int unknown = (int) kept.stream().filter(t -> !vocabulary.contains(t)).count();
            return new ScannedExample(row.line(), row.text().strip(), kept.size(), tokens.size(), unknown, List.of(row.label()));
        }).toList();
        return new ScannedSplit(name, rows.file(), examples);
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public int characterVocabularySize() {
        return 0;
    }

    @Override
    public LabelSet labels() {
        return LabelSet.of(trainRows.rows(), trainRows.file());
    }

    @Override
    public synchronized DataSet trainBatch(int[] rows, Pooling pooling) {
        if (encodedTrain == null) {
            encodedTrain = ClassificationData.encode(trainRows.rows(), trainRows.file(), pipeline, vocabulary, labels());
        }
        return ClassificationBatch.dataSet(encodedTrain.examples(), rows, labels().size(), pooling);
    }
}
