package dev.rill.serve;

import dev.rill.engine.TrainedClassifier;

import java.time.Duration;
import java.util.List;

/** A served classifier: each request classifies its texts on a network copy of its own. */
public final class ClassifierModel implements ServedModel {

    private final ModelInfo info;
    private final CopyPool<TrainedClassifier> copies;

    /**
     * @param model the loaded classifier; it stays the template the copies are cloned from and never
     *              runs a request itself, so cloning never reads a network another thread is using
     */
    public ClassifierModel(String name, TrainedClassifier model, int copies, Duration wait) {
        this.info = ModelInfo.of(name, model.bundle());
        this.copies = new CopyPool<>("model '" + name + "'", model::copy, copies, wait);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String kind() {
        return "classifier";
    }

    @Override
    public String endpoint() {
        return "POST /api/classify";
    }

    /** Predictions for the texts, in order. */
    public List<TrainedClassifier.Prediction> classify(List<String> texts) {
        return copies.use(c -> c.predict(texts));
    }

    /** Network copies made so far. */
    int copiesMade() {
        return copies.made();
    }
}
