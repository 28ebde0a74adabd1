package dev.rill.config;

import java.util.Arrays;
import java.util.List;

/**
 * Binds the {@code training} section, its optimizer, early stopping and learning-rate schedule; see
 * {@link TrainingConfig}, {@link OptimizerConfig}, {@link EarlyStoppingConfig} and {@link LearningRateSchedule}.
 */
final class TrainingBinder {

    static final List<String> KEYS = List.of("epochs", "batch_size", "optimizer", "gradient_clip", "tbptt", "seed", "log_every",
            "early_stopping", "lr_schedule", "checkpoint_every", "sequence_length");
    static final List<String> OPTIMIZER_KEYS = List.of("type", "learning_rate", "momentum", "weight_decay");
    static final List<String> EARLY_STOPPING_KEYS = List.of("patience", "min_delta");

    static final List<String> ALL_SCHEDULE_KEYS = List.of("type", "every", "gamma", "warmup_epochs", "min_lr");

    /** A decay factor: above 1 the rate would grow, at 0 training would stop. */
    private static final Range GAMMA = Range.openClosed(0, 1);

    TrainingConfig bind(YamlSection training) {
        training.allowOnly(KEYS);
        int epochs = training.integer("epochs", 5, Range.atLeast(1));
        int batchSize = training.integer("batch_size", 32, Range.atLeast(1));
        OptimizerConfig optimizer = optimizer(training.section("optimizer"));
        double gradientClip = training.decimal("gradient_clip", 1.0, Range.atLeast(0));
        int tbptt = training.integer("tbptt", 0, Range.atLeast(0));
        long seed = training.longInteger("seed", 42L);
        int logEvery = training.integer("log_every", 50, Range.atLeast(1));
        EarlyStoppingConfig earlyStopping = earlyStopping(training.section("early_stopping"));
        LearningRateSchedule schedule = schedule(training.section("lr_schedule"), epochs, optimizer.learningRate());
        int checkpointEvery = training.integer("checkpoint_every", 0, Range.atLeast(0));
        int sequenceLength = training.integer("sequence_length", TrainingConfig.DEFAULT_SEQUENCE_LENGTH, Range.atLeast(1));
        return new TrainingConfig(epochs, batchSize, optimizer, gradientClip, tbptt, seed, logEvery, earlyStopping, schedule,
                checkpointEvery, sequenceLength);
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

    /** Absent (or null) means no early stopping; written as a mapping, every key has a default. */
    private static EarlyStoppingConfig earlyStopping(YamlSection section) {
        if (!section.present()) {
            return null;
        }
        section.allowOnly(EARLY_STOPPING_KEYS);
        int patience = section.integer("patience", 3, Range.atLeast(1));
        double minDelta = section.decimal("min_delta", 0.0, Range.atLeast(0));
        return new EarlyStoppingConfig(patience, minDelta);
    }

    /**
     * Each type takes only its own keys, so {@code gamma} left on a cosine schedule is an error rather
     * than a setting silently ignored.
     */
    private static LearningRateSchedule schedule(YamlSection section, int epochs, double learningRate) {
        LearningRateSchedule.Type type = section.choice("type", null, LearningRateSchedule.Type.values(),
                LearningRateSchedule.Type::yamlName);
        if (type == null && section.has("type")) {
            // A misspelt type is reported already; any key of any type may be meant, so only typos are flagged.
            section.allowOnly(ALL_SCHEDULE_KEYS);
            return new LearningRateSchedule.Constant();
        }
        type = type == null ? LearningRateSchedule.Type.CONSTANT : type;
        section.allowOnly(ALL_SCHEDULE_KEYS);
        rejectKeysOfOtherTypes(section, type);
        return switch (type) {
            case CONSTANT -> new LearningRateSchedule.Constant();
            case STEP -> new LearningRateSchedule.Step(section.integer("every", 1, Range.atLeast(1)), section.decimal("gamma", 0.5, GAMMA));
            case EXPONENTIAL -> new LearningRateSchedule.Exponential(section.decimal("gamma", 0.9, GAMMA));
            case COSINE -> cosine(section, epochs, learningRate);
        };
    }

    private static void rejectKeysOfOtherTypes(YamlSection section, LearningRateSchedule.Type type) {
        BindContext ctx = section.context();
        for (String key : ALL_SCHEDULE_KEYS) {
            if (!scheduleKeys(type).contains(key) && section.has(key)) {
                List<String> owners = Arrays.stream(LearningRateSchedule.Type.values())
                        .filter(t -> scheduleKeys(t).contains(key)).map(LearningRateSchedule.Type::yamlName).toList();
                ctx.problems().add(ctx.locationOf(section.pathOf(key)), "conflict",
                        section.pathOf(key) + " only applies to type " + String.join(" or ", owners) + ", but the type is " + type.yamlName(),
                        "remove " + key + ", or set type: " + owners.get(0) + " (keys of " + type.yamlName() + ": "
                                + String.join(", ", scheduleKeys(type)) + ")");
            }
        }
    }

    static List<String> scheduleKeys(LearningRateSchedule.Type type) {
        return switch (type) {
            case CONSTANT -> List.of("type");
            case STEP -> List.of("type", "every", "gamma");
            case EXPONENTIAL -> List.of("type", "gamma");
            case COSINE -> List.of("type", "warmup_epochs", "min_lr");
        };
    }

    private static LearningRateSchedule cosine(YamlSection section, int epochs, double learningRate) {
        BindContext ctx = section.context();
        int warmup = section.integer("warmup_epochs", 0, Range.atLeast(0));
        if (warmup >= epochs) {
            String path = section.pathOf("warmup_epochs");
            ctx.problems().add(ctx.locationOf(path), "conflict",
                    path + " must be fewer than training.epochs (" + epochs + "), got " + warmup + ": no epoch would be left for the cosine",
                    "lower warmup_epochs or raise training.epochs");
            warmup = 0;
        }
        double minLr = section.decimal("min_lr", 0.0, Range.atLeast(0));
        if (minLr > learningRate) {
            String path = section.pathOf("min_lr");
            ctx.problems().add(ctx.locationOf(path), "conflict",
                    path + " must be at most training.optimizer.learning_rate (" + learningRate + "), got " + minLr
                            + ": the cosine would rise instead of fall",
                    "set min_lr below the learning rate, e.g. " + learningRate / 10);
            minLr = 0;
        }
        return new LearningRateSchedule.Cosine(warmup, minLr);
    }
}
