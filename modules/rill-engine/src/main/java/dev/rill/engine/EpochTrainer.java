package dev.rill.engine;

import dev.rill.config.TrainingConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a task's network epoch by epoch on the minibatches its adapter makes and keeps the weights of
 * the epoch with the best dev score (model selection on dev; test is never looked at here).
 */
public final class EpochTrainer {

    private final TrainingConfig training;
    private final Progress progress;

    public EpochTrainer(TrainingConfig training, Progress progress) {
        this.training = training;
        this.progress = progress;
    }

    /**
     * One finished epoch.
     *
     * @param epoch     1-based
     * @param trainLoss mean minibatch loss
     * @param devScore  dev score after the epoch (the task's {@link TaskAdapter#devMetric()}), NaN without a dev split
     * @param seconds   training time of the epoch (dev evaluation excluded)
     * @param examples  training examples seen
     * @param tokens    training tokens seen
     */
    public record Epoch(int epoch, double trainLoss, double devScore, double seconds, long examples, long tokens) {
    }

    /**
     * What training produced.
     *
     * @param epochs    per-epoch figures
     * @param bestEpoch epoch whose weights the network now holds
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

    /** Trains the task's network in place; on return it holds the best epoch's weights (the last without dev data). */
    public Result train(TaskAdapter task) {
        MultiLayerNetwork net = task.network();
        Random rng = new Random(training.seed());
        int examples = task.trainExamples();
        List<Epoch> epochs = new ArrayList<>();
        INDArray best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = training.epochs();
        for (int e = 1; e <= training.epochs(); e++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            progress.startEpoch(e, training.epochs(), examples);
            try (progress) {
                for (DataSet batch : task.trainBatches(rng)) {
                    net.fit(batch);
                    double loss = task.trainLoss(net.score(), batch);
                    lossSum += loss;
                    batches++;
                    progress.step((int) batch.getFeatures().size(0), loss);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double devScore = Double.NaN;
            if (task.hasDev()) {
                devScore = task.devScore();
                if (devScore > bestScore) {
                    bestScore = devScore;
                    bestEpoch = e;
                    best = net.params().dup();
                }
            }
            epochs.add(new Epoch(e, lossSum / Math.max(1, batches), devScore, seconds, examples, task.trainTokens()));
        }
        if (best != null) {
            net.setParams(best);
        }
        return new Result(epochs, bestEpoch);
    }
}
