package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.Pooling;
import dev.rill.config.TrainingConfig;
import dev.rill.config.WeightInitKind;

import java.util.List;

/** Small model and training sections for engine tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    static ModelConfig model(CellType cell, boolean bidirectional, Pooling pooling) {
        return new ModelConfig(8, List.of(new LayerConfig(cell, 6, bidirectional, 0.0)), pooling, 0.0, WeightInitKind.XAVIER);
    }

    static TrainingConfig training(int tbptt, int batchSize, int epochs) {
        return new TrainingConfig(epochs, batchSize,
                new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.01, 0.9, 0.0), 0.0, tbptt, 12345L, 1000);
    }
}
