package dev.rill.config;

/**
 * How the learning rate changes from epoch to epoch ({@code training.lr_schedule}); the rate is
 * constant within an epoch. With {@code lr} the optimizer's {@code learning_rate} and {@code e}
 * the 1-based epoch of {@code E}:
 *
 * <pre>
 * constant:     lr
 * step:         lr * gamma^floor((e - 1) / every)                       {type: step, every: 2, gamma: 0.5}
 * exponential:  lr * gamma^(e - 1)                                      {type: exponential, gamma: 0.9}
 * cosine:       lr * e / (W + 1)                           for e &lt;= W  {type: cosine, warmup_epochs: W, min_lr: m}
 *               m + (lr - m) * (1 + cos(pi * (e - W - 1) / (E - W))) / 2   after the warmup
 * </pre>
 *
 * Cosine starts its decay at the full rate on the first epoch after the warmup and would reach
 * {@code min_lr} one epoch after the last (as PyTorch's {@code CosineAnnealingLR} with
 * {@code T_max = E - W}), so no epoch is spent at the floor.
 */
public sealed interface LearningRateSchedule {

    /** The schedules, named in YAML by {@link #yamlName()}. */
    enum Type {
        CONSTANT("constant"), STEP("step"), EXPONENTIAL("exponential"), COSINE("cosine");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    Type type();

    /**
     * The learning rate of one epoch.
     *
     * @param base   the optimizer's learning rate
     * @param epoch  1-based epoch
     * @param epochs epochs of the run
     */
    double rate(double base, int epoch, int epochs);

    /** The same rate every epoch (the default). */
    record Constant() implements LearningRateSchedule {
        @Override
        public Type type() {
            return Type.CONSTANT;
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return base;
        }
    }

    /**
     * Multiplied by {@code gamma} every {@code every} epochs.
     *
     * @param every epochs between decays (&gt;= 1)
     * @param gamma factor per decay, in (0, 1]
     */
    record Step(int every, double gamma) implements LearningRateSchedule {
        @Override
        public Type type() {
            return Type.STEP;
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return base * Math.pow(gamma, (epoch - 1) / every);
        }
    }

    /**
     * Multiplied by {@code gamma} every epoch.
     *
     * @param gamma factor per epoch, in (0, 1]
     */
    record Exponential(double gamma) implements LearningRateSchedule {
        @Override
        public Type type() {
            return Type.EXPONENTIAL;
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return base * Math.pow(gamma, epoch - 1);
        }
    }

    /**
     * A linear warmup, then half a cosine down towards {@code minLr}.
     *
     * @param warmupEpochs epochs of linear warmup (&gt;= 0, fewer than the run's epochs)
     * @param minLr        the rate the cosine falls towards (&gt;= 0, at most the learning rate)
     */
    record Cosine(int warmupEpochs, double minLr) implements LearningRateSchedule {
        @Override
        public Type type() {
            return Type.COSINE;
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            if (epoch <= warmupEpochs) {
                return base * epoch / (warmupEpochs + 1);
            }
            double progress = (double) (epoch - warmupEpochs - 1) / (epochs - warmupEpochs);
            return minLr + (base - minLr) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
    }
}
