package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.LearningRateSchedule;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.Pooling;
import dev.rill.config.TrainingConfig;
import dev.rill.text.Example;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schedule is what the updater applies, not only what the log says. */
class LearningRatesTest {

    private static final List<Example> EXAMPLES = List.of(
            new Example(new int[] {2, 3, 4, 5}, 0),
            new Example(new int[] {9, 3}, 1),
            new Example(new int[] {4, 4, 2}, 1));

    @Test
    void each_epoch_updates_with_its_scheduled_rate() {
        // SGD without clipping: an update is -rate * gradient, and two networks with the same seed see the same gradient.
        TrainingConfig training = new TrainingConfig(3, 3, new OptimizerConfig(OptimizerConfig.OptimizerType.SGD, 0.1, 0.0, 0.0),
                0.0, 0, 5L, 10, null, new LearningRateSchedule.Step(1, 0.25), 0);
        MultiLayerNetwork first = NetworkFactory.classifier(TestConfigs.model(CellType.GRU, false, Pooling.LAST), training, 10, 2);
        MultiLayerNetwork third = NetworkFactory.classifier(TestConfigs.model(CellType.GRU, false, Pooling.LAST), training, 10, 2);
        INDArray start = first.params().dup();
        assertEquals(start, third.params());
        DataSet batch = ClassificationBatch.dataSet(EXAMPLES, new int[] {0, 1, 2}, 2, Pooling.LAST);

        LearningRates.enterEpoch(first, 1);
        LearningRates.enterEpoch(third, 3);
        first.fit(batch);
        third.fit(batch);

        assertEquals(0.1, LearningRates.current(first), 1e-15);
        assertEquals(0.1 * 0.25 * 0.25, LearningRates.current(third), 1e-15);
        double ratio = third.params().sub(start).norm2Number().doubleValue() / first.params().sub(start).norm2Number().doubleValue();
        assertEquals(0.0625, ratio, 1e-4);
    }

    @Test
    void a_constant_rate_keeps_the_plain_updater() {
        TrainingConfig training = TestConfigs.training(0, 3, 2);
        MultiLayerNetwork net = NetworkFactory.classifier(TestConfigs.model(CellType.LSTM, true, Pooling.LAST), training, 10, 2);

        LearningRates.enterEpoch(net, 2);

        assertEquals(0.01, LearningRates.current(net), 1e-15);
    }
}
