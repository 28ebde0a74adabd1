package dev.rill.config;

import java.util.List;

/** Binds the {@code training} section and its optimizer; see {@link TrainingConfig} and {@link OptimizerConfig}. */
final class TrainingBinder {

    static final List<String> KEYS = List.of("epochs", "batch_size", "optimizer", "gradient_clip", "tbptt", "seed", "log_every",
            "sequence_length");
    static final List<String> OPTIMIZER_KEYS = List.of("type", "learning_rate", "momentum", "weight_decay");

    TrainingConfig bind(YamlSection training) {
        training.allowOnly(KEYS);
        int epochs = training.integer("epochs", 5, Range.atLeast(1));
        int batchSize = training.integer("batch_size", 32, Range.atLeast(1));
        OptimizerConfig optimizer = optimizer(training.section("optimizer"));
        double gradientClip = training.decimal("gradient_clip", 1.0, Range.atLeast(0));
        int tbptt = training.integer("tbptt", 0, Range.atLeast(0));
        long seed = training.longInteger("seed", 42L);
        int logEvery = training.integer("log_every", 50, Range.atLeast(1));
        int sequenceLength = training.integer("sequence_length", TrainingConfig.DEFAULT_SEQUENCE_LENGTH, Range.atLeast(1));
        return new TrainingConfig(epochs, batchSize, optimizer, gradientClip, tbptt, seed, logEvery, sequenceLength);
    }

    private static OptimizerConfig optimizer(YamlSection optimizer) {
        optimizer.allowOnly(OPTIMIZER_KEYS);
        OptimizerConfig.OptimizerType type = optimizer.choice("type", OptimizerConfig.OptimizerType.ADAM,
                OptimizerConfig.OptimizerType.values(), OptimizerConfig.OptimizerType::yamlName);
        // Above 10 a learning rate is a typo (an exponent dropped), not a choice.
        double learningRate = optimizer.decimal("learning_rate", 0.002, Range.openClosed(0, 10));
        double momentum = optimizer.decimal("momentum", 0.9, Range.closedOpen(0, 1));
        double weightDecay = optimizer.decimal("weight_decay", 0.0, Range.atLeast(0));
        return new OptimizerConfig(type, learningRate, momentum, weightDecay);
    }
}
