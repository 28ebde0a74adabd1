package dev.rill.engine;

import dev.rill.config.TrainingConfig;
import dev.rill.text.LengthBuckets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a classifier epoch by epoch on length-bucketed minibatches and keeps the weights of the
 * epoch with the best dev accuracy (model selection on dev; test is never looked at here).
 */
public final class ClassifierTrainer {

    private final TrainingConfig training;
    private final List<String> labels;
    private final Progress progress;

    public ClassifierTrainer(TrainingConfig training, List<String> labels, Progress progress) {
        this.training = training;
        this.labels = labels;
        this.progress = progress;
    }

    /**
     * One finished epoch.
     *
     * @param epoch       1-based
     * @param trainLoss   mean minibatch loss
     * @param devAccuracy dev accuracy after the epoch, NaN without a dev split
     * @param seconds     training time of the epoch (dev evaluation excluded)
     * @param examples    training examples seen
     * @param tokens      training tokens seen
     */
    public record Epoch(int epoch, double trainLoss, double devAccuracy, double seconds, long examples, long tokens) {
    }

    /**
     * What training produced.
     *
     * @param epochs    per-epoch figures
     * @param bestEpoch epoch whose weights the classifier now holds
     */
    public record Result(List<Epoch> epochs, int bestEpoch) {
        public double trainSeconds() {
            return epochs.stream().mapToDouble(Epoch::seconds).sum();
        }

        public long examples() {
            return epochs.stream().mapToLong(Epoch::examples).sum();
        }

        public long tokens() {
            return epochs.stream().mapToLong(Epoch::tokens).sum();
        }
    }

    /**
     * Trains {@code classifier} in place; on return it holds the best epoch's weights.
     *
     * @param dev null to train without selection (the last epoch wins)
     */
    public Result train(Classifier classifier, ClassificationData train, ClassificationData dev) {
        MultiLayerNetwork net = classifier.network();
        Random rng = new Random(training.seed());
        int[] lengths = train.lengths();
        List<Epoch> epochs = new ArrayList<>();
        INDArray best = null;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int bestEpoch = training.epochs();
        for (int e = 1; e <= training.epochs(); e++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            progress.startEpoch(e, training.epochs(), train.size());
            try (progress) {
                for (int[] batch : LengthBuckets.shuffled(lengths, training.batchSize(), rng)) {
                    DataSet ds = ClassificationBatch.dataSet(train.examples(), batch, labels.size(), classifier.pooling());
                    net.fit(ds);
                    double loss = net.score();
                    lossSum += loss;
                    batches++;
                    progress.step(batch.length, loss);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double devAccuracy = Double.NaN;
            if (dev != null) {
                devAccuracy = ClassifierEvaluator.evaluate(classifier, dev, labels, training.batchSize()).accuracy();
                if (devAccuracy > bestAccuracy) {
                    bestAccuracy = devAccuracy;
                    bestEpoch = e;
                    best = net.params().dup();
                }
            }
            epochs.add(new Epoch(e, lossSum / Math.max(1, batches), devAccuracy, seconds, train.size(), train.tokens()));
        }
        if (best != null) {
            net.setParams(best);
        }
        return new Result(epochs, bestEpoch);
    }
}
