package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.LabelSet;
import dev.rill.text.LengthBuckets;
import dev.rill.text.LabeledText;
import dev.rill.text.TextPipeline;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Many-to-one: a label per text, read from {@code label<TAB>text} splits. */
public final class ClassificationAdapter implements TaskAdapter {

    private final Classifier classifier;
    private final Vocabulary vocabulary;
    private final LabelSet labels;
    private final ClassificationData train;
    private final Map<String, ClassificationData> eval;
    private final int batchSize;

    private ClassificationAdapter(Classifier classifier, Vocabulary vocabulary, LabelSet labels, ClassificationData train,
                                  Map<String, ClassificationData> eval, int batchSize) {
        this.classifier = classifier;
        this.vocabulary = vocabulary;
        this.labels = labels;
        this.train = train;
        this.eval = eval;
        this.batchSize = batchSize;
    }

    /** Reads and encodes the splits, builds the vocabulary from train, and the network. */
    public static ClassificationAdapter prepare(RillConfig config, CorpusStore store) {
        DataSplits<LabeledText> splits = DataSplits.labelled(config, store);
        DataSplits.Rows<LabeledText> trainSplit = splits.require("train");
        List<LabeledText> trainRows = trainSplit.rows();
        TextPipeline pipeline = TextPipeline.of(config.data());
        Vocabulary vocab = Vocabulary.build(pipeline.count(trainRows.stream().map(LabeledText::text).toList()),
                config.data().vocabSize(), config.data().minFrequency());
        LabelSet labels = LabelSet.of(trainRows, trainSplit.file());
        ClassificationData train = ClassificationData.encode(trainRows, trainSplit.file(), pipeline, vocab, labels);
        Map<String, ClassificationData> eval = new LinkedHashMap<>();
        for (String split : List.of("dev", "test")) {
            splits.split(split).ifPresent(r -> eval.put(split, ClassificationData.encode(r.rows(), r.file(), pipeline, vocab, labels)));
        }
        Classifier classifier = new Classifier(
                NetworkFactory.classifier(config.model(), config.training(), vocab.size(), labels.size()), config.model().pooling());
        return new ClassificationAdapter(classifier, vocab, labels, train, eval, config.training().batchSize());
    }

    @Override
    public MultiLayerNetwork network() {
        return classifier.network();
    }

    @Override
    public String describe() {
        StringBuilder sizes = new StringBuilder();
        eval.forEach((k, v) -> sizes.append(", ").append(k).append(' ').append(v.size()));
        return String.format(Locale.ROOT, "%d train examples (%d tokens), vocabulary %d, labels %s%s",
                train.size(), train.tokens(), vocabulary.size(), labels.labels(), sizes);
    }

    @Override
    public int trainExamples() {
        return train.size();
    }

    /** Shuffled pools sorted by length, so a minibatch holds similar lengths and little padding. */
    @Override
    public Iterable<DataSet> trainBatches(Random rng) {
        List<int[]> batches = LengthBuckets.shuffled(train.lengths(), batchSize, rng);
        return () -> batches.stream().map(rows -> ClassificationBatch.dataSet(train.examples(), rows, labels.size(), classifier.pooling())).iterator();
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
        return "accuracy";
    }

    @Override
    public double devScore() {
        return ClassifierEvaluator.evaluate(classifier, eval.get("dev"), labels.labels(), batchSize).accuracy();
    }

    @Override
    public Map<String, TaskMetrics> evaluate() {
        Map<String, TaskMetrics> out = new LinkedHashMap<>();
        eval.forEach((split, data) -> out.put(split, ClassifierEvaluator.evaluate(classifier, data, labels.labels(), batchSize)));
        return out;
    }

    @Override
    public ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance) {
        return new ModelBundle(config, vocabulary, labels.labels(), classifier.network(), metrics, provenance);
    }
}
