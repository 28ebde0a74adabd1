package dev.rill.engine;

import dev.rill.config.LearningRateSchedule;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.TrainingConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.HashMap;
import java.util.Map;

/**
 * The config's per-epoch learning rates, inside the network's updater: a DL4J {@link MapSchedule}
 * keyed by epoch holds the rate of every epoch, worked out once from {@code training.lr_schedule}.
 * The schedule and DL4J's epoch counter are saved with the network (configuration JSON), so a
 * resumed run applies the same rate as an uninterrupted one without any state of Rill's own.
 *
 * <p>{@code MultiLayerNetwork.fit(DataSet)} never advances the epoch counter (only fitting a whole
 * iterator does), so the trainer sets it with {@link #enterEpoch} before each epoch.
 */
final class LearningRates {

    private LearningRates() {
    }

    /** The configured update rule; with a schedule other than constant its rate follows the epochs. */
    static IUpdater updater(TrainingConfig training) {
        OptimizerConfig o = training.optimizer();
        if (training.lrSchedule().type() == LearningRateSchedule.Type.CONSTANT) {
            return NetworkFactory.updater(o);
        }
        ISchedule rates = schedule(training);
        return switch (o.type()) {
            case ADAM -> new Adam(rates);
            case SGD -> new Sgd(rates);
            case NESTEROVS -> new Nesterovs(rates, o.momentum());
            case RMSPROP -> new RmsProp(rates);
        };
    }

    /** Epoch {@code e} (1-based) is DL4J's epoch count {@code e - 1}. */
    static ISchedule schedule(TrainingConfig training) {
        Map<Integer, Double> rates = new HashMap<>();
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            rates.put(epoch - 1, training.learningRate(epoch));
        }
        return new MapSchedule(ScheduleType.EPOCH, rates);
    }

    /** Tells the network's updater that 1-based epoch {@code epoch} is being trained. */
    static void enterEpoch(MultiLayerNetwork net, int epoch) {
        net.setEpochCount(epoch - 1);
    }

    /**
     * The learning rate the updater applies now, read from the first layer with parameters (every
     * layer gets the same updater), so logs show what training does, not what the config meant.
     */
    static double current(MultiLayerNetwork net) {
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            Layer layer = conf.getLayer();
            if (layer instanceof Bidirectional bidirectional) {
                layer = bidirectional.getFwd();
            }
            if (layer instanceof BaseLayer base && base.getIUpdater() != null && base.getIUpdater().hasLearningRate()) {
                return base.getIUpdater().getLearningRate(net.getIterationCount(), net.getEpochCount());
            }
        }
        return Double.NaN;
    }
}
