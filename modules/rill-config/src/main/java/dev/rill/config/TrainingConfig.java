package dev.rill.config;

import java.util.Objects;

/**
 * Optimisation settings.
 *
 * <pre>
 * training:
 *   epochs: 5
 *   batch_size: 32
 *   optimizer: {type: adam, learning_rate: 0.002}
 *   gradient_clip: 1.0   # clip each layer's gradient L2 norm to this; 0 disables
 *   tbptt: 0             # truncated BPTT segment length in steps; 0 = full BPTT
 *   seed: 42
 *   log_every: 50        # minibatches between progress log lines and metrics.jsonl step lines
 *   early_stopping: {patience: 3, min_delta: 0.0}    # absent: train every epoch
 *   lr_schedule: {type: step, every: 2, gamma: 0.5}  # constant | step | exponential | cosine
 *   checkpoint_every: 0  # also checkpoint every N minibatches; 0 = at the end of each epoch only
 *   sequence_length: 100 # language_model only: steps of text per minibatch row (a multiple of tbptt)
 * </pre>
 *
 * <p>A language model reads its training text as {@code batch_size} parallel rows and each
 * minibatch covers the next {@code sequence_length} steps of every row. DL4J 1.0.0-M2.1 resets the
 * recurrent state at the start of every minibatch ({@code fit} call), so a minibatch row is an
 * independent window of {@code sequence_length} steps: with {@code tbptt: T > 0} DL4J cuts it into
 * {@code sequence_length / T} segments and carries the state from segment to segment (gradients
 * stop at segment boundaries); with {@code tbptt: 0} the whole window is one full-BPTT sequence.
 *
 * @param epochs       passes over the training split (&gt;= 1)
 * @param batchSize    examples per minibatch (&gt;= 1)
 * @param optimizer    update rule and learning rate
 * @param gradientClip L2 norm threshold per layer; 0 disables clipping
 * @param tbptt        truncated BPTT length; 0 trains with full BPTT
 * @param seed         seeds weight init, shuffling and dropout
 * @param logEvery     minibatches between plain progress lines and {@code metrics.jsonl} step lines
 * @param earlyStopping when to stop before {@code epochs}, or {@code null} to train every epoch
 * @param lrSchedule   the learning rate of each epoch
 * @param checkpointEvery minibatches between mid-epoch checkpoints (&gt;= 0); 0 checkpoints at epoch ends only
 * @param sequenceLength language models: steps per minibatch row (&gt;= 1; a multiple of {@code tbptt} when it is set);
 *                     not written for other tasks
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        OptimizerConfig optimizer,
        double gradientClip,
        int tbptt,
        long seed,
        int logEvery,
        EarlyStoppingConfig earlyStopping,
        LearningRateSchedule lrSchedule,
        int checkpointEvery,
        int sequenceLength) {

    /** Steps per minibatch row when a language-model config does not say. */
    public static final int DEFAULT_SEQUENCE_LENGTH = 100;

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(lrSchedule, "lrSchedule");
    }

    /**
     * Settings without early stopping, with a constant learning rate, checkpoints at epoch ends only
     * and the default {@code sequence_length} (which only language models read).
     */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, double gradientClip, int tbptt, long seed, int logEvery) {
        this(epochs, batchSize, optimizer, gradientClip, tbptt, seed, logEvery, null, new LearningRateSchedule.Constant(), 0);
    }

    /** Settings with the default {@code sequence_length} (which only language models read). */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, double gradientClip, int tbptt, long seed, int logEvery,
                          EarlyStoppingConfig earlyStopping, LearningRateSchedule lrSchedule, int checkpointEvery) {
        this(epochs, batchSize, optimizer, gradientClip, tbptt, seed, logEvery, earlyStopping, lrSchedule, checkpointEvery,
                DEFAULT_SEQUENCE_LENGTH);
    }

    /** The learning rate of a 1-based epoch, as the schedule sets it. */
    public double learningRate(int epoch) {
        return lrSchedule.rate(optimizer.learningRate(), epoch, epochs);
    }

    public boolean truncatedBptt() {
        return tbptt > 0;
    }
}
