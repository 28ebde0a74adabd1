package dev.rill.engine;

import java.util.List;

/** Scores a classifier on a split. */
public final class ClassifierEvaluator {

    private ClassifierEvaluator() {
    }

    public static ClassificationMetrics evaluate(Classifier classifier, ClassificationData data, List<String> labels, int batchSize) {
        double[][] p = classifier.probabilities(data.examples(), batchSize);
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = Classifier.argmax(p[i]);
        }
        return ClassificationMetrics.of(labels, data.labels(), predicted);
    }
}
