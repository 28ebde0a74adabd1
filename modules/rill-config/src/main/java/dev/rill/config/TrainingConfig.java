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
 *   log_every: 50        # minibatches between progress log lines when not on a terminal
 * </pre>
 *
 * @param epochs       passes over the training split (&gt;= 1)
 * @param batchSize    examples per minibatch (&gt;= 1)
 * @param optimizer    update rule and learning rate
 * @param gradientClip L2 norm threshold per layer; 0 disables clipping
 * @param tbptt        truncated BPTT length; 0 trains with full BPTT
 * @param seed         seeds weight init, shuffling and dropout
 * @param logEvery     minibatches between plain progress lines
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        OptimizerConfig optimizer,
        double gradientClip,
        int tbptt,
        long seed,
        int logEvery) {

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
    }

    public boolean truncatedBptt() {
        return tbptt > 0;
    }
}
