package dev.rill.engine;

import dev.rill.config.RillConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

/**
 * One task's data and network, prepared from a config: how its examples become DL4J minibatches,
 * how it is scored, and what goes into its bundle. {@link EpochTrainer} and {@link TrainingRun}
 * drive any task through this interface; only the adapters know the tensors' shapes.
 */
public interface TaskAdapter {

    /** The network trained, or {@code null} for a model counted from the text (the language-model baselines). */
    MultiLayerNetwork network();

    /** One line about the model for the log. */
    default String describeModel() {
        return "network: " + network().numParams() + " parameters";
    }

    /**
     * Trains the model: a network epoch by epoch through {@code trainer}; a count-based model
     * overrides this, is fitted once and reports it through {@link EpochTrainer#fitted}.
     *
     * @param from the checkpoint to continue from, or {@code null} to start from the network as built
     */
    default EpochTrainer.Result train(EpochTrainer trainer, Checkpoints.Checkpoint from) throws IOException {
        return trainer.train(this, from);
    }

    /** One line about the prepared data, for the log. */
    String describe();

    /** Training examples (sentences, texts, stream rows) in one epoch, for progress display. */
    int trainExamples();

    /**
     * The minibatches of one training epoch, built lazily (one minibatch's tensors at a time).
     *
     * <p>All randomness must come from {@code rng}: a resumed run rebuilds an interrupted epoch by
     * calling this again with the generator as it was when the epoch started, and skips the
     * minibatches already trained, so the same generator state must give the same minibatches.
     *
     * @param rng the trainer's seeded generator; its state carries over from epoch to epoch
     */
    Iterable<DataSet> trainBatches(Random rng);

    /**
     * The training loss to report for a minibatch, from DL4J's {@code score()} after fitting it
     * (as it is by default); a task may rescale it to the unit its dev score uses.
     */
    default double trainLoss(double networkScore, DataSet batch) {
        return networkScore;
    }

    /** Tokens in one pass over the training examples. */
    long trainTokens();

    /** Whether there is dev data to score. */
    boolean hasDev();

    /** Name of the dev score in logs, e.g. {@code accuracy}. */
    String devMetric();

    /** The dev score of the network as it is now; higher is better. */
    double devScore();

    /**
     * Extra fields for this epoch's line in {@code metrics.jsonl}, asked for right after {@link #devScore()}
     * (a language model adds its perplexity and a few generated samples). None by default.
     */
    default Map<String, Object> epochFields() {
        return Map.of();
    }

    /** Scores of the network as it is now on each evaluation split the config names ({@code dev}, {@code test}). */
    Map<String, TaskMetrics> evaluate();

    /** The trained model as a bundle. */
    ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance);
}
