package dev.rill.engine;

import dev.rill.config.RillConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

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
     * overrides this and is fitted once.
     */
    default EpochTrainer.Result train(EpochTrainer trainer) {
        return trainer.train(this);
    }

    /** One line about the prepared data, for the log. */
    String describe();

    /** Training examples (sentences, texts, stream rows) in one epoch, for progress display. */
    int trainExamples();

    /**
     * The minibatches of one training epoch, built lazily (one minibatch's tensors at a time).
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

    /** Scores of the network as it is now on each evaluation split the config names ({@code dev}, {@code test}). */
    Map<String, TaskMetrics> evaluate();

    /** The trained model as a bundle. */
    ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance);
}
