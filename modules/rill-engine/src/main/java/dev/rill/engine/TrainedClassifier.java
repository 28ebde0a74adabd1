package dev.rill.engine;

import dev.rill.config.TaskType;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.Example;
import dev.rill.text.LabeledText;
import dev.rill.text.LabelSet;
import dev.rill.text.TextPipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier loaded from a bundle, with the text pipeline it was trained with: what
 * {@code rill predict}, {@code rill evaluate} and {@code rill serve} use.
 *
 * <p>Not thread-safe (its DL4J network is not): give each thread its own {@link #copy()}.
 */
public final class TrainedClassifier {

    private static final int BATCH = 64;

    private final ModelBundle bundle;
    private final TextPipeline pipeline;
    private final Classifier classifier;

    /** @throws DataException when the bundle holds another task's model */
    public TrainedClassifier(ModelBundle bundle) {
        if (bundle.config().task() != TaskType.CLASSIFICATION) {
            throw new DataException("this bundle holds a " + bundle.config().task().yamlName()
                    + " model, not a classifier" + (bundle.config().task() == TaskType.TAGGING ? "; tag text with `rill tag`"
                    : bundle.config().task() == TaskType.LANGUAGE_MODEL ? "; generate text with `rill generate`" : ""));
        }
        this.bundle = bundle;
        this.pipeline = TextPipeline.of(bundle.config().data());
        this.classifier = new Classifier(bundle.network(), bundle.config().model().pooling());
    }

    private TrainedClassifier(ModelBundle bundle, TextPipeline pipeline, Classifier classifier) {
        this.bundle = bundle;
        this.pipeline = pipeline;
        this.classifier = classifier;
    }

    /**
     * The same model with its own copy of the network, for another thread: a DL4J network is not
     * thread-safe, so concurrent callers (e.g. {@code rill serve}'s request threads) each need one.
     * The text pipeline is shared: its normalizer and tokenizers keep no state between calls.
     */
    public TrainedClassifier copy() {
        return new TrainedClassifier(bundle, pipeline, classifier.copy());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * A prediction.
     *
     * @param label         the most probable class
     * @param probability   its probability
     * @param probabilities all class probabilities, label order
     */
    public record Prediction(String label, double probability, double[] probabilities) {
    }

    public List<Prediction> predict(List<String> texts) {
        List<Example> examples = new ArrayList<>(texts.size());
        for (String t : texts) {
            examples.add(new Example(pipeline.encode(t, bundle.vocabulary()), 0));
        }
        double[][] p = classifier.probabilities(examples, BATCH);
        List<Prediction> out = new ArrayList<>(p.length);
        for (double[] row : p) {
            int k = Classifier.argmax(row);
            out.add(new Prediction(bundle.labels().get(k), row[k], row));
        }
        return out;
    }

    /** Scores the model on one of its config's splits (fetching the corpus if needed). */
    public ClassificationMetrics evaluate(String split, CorpusStore store) {
        DataSplits.Rows<LabeledText> rows = DataSplits.labelled(bundle.config(), store).require(split);
        ClassificationData data = ClassificationData.encode(rows.rows(), rows.file(), pipeline,
                bundle.vocabulary(), new LabelSet(bundle.labels()));
        return ClassifierEvaluator.evaluate(classifier, data, bundle.labels(), BATCH);
    }
}
