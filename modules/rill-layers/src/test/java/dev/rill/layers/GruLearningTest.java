package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The GRU can learn: remember the sign of the first of 10 random ±1 inputs and report it at the last step.
 * Later inputs are distractors of the same kind, so the update gate has to learn to keep the first one.
 * Runs in single precision, the type real training uses.
 */
class GruLearningTest {

    static final int STEPS = 10;
    static final int ITERATIONS = 300;
    static final int BATCH = 32;
    static final double REQUIRED_ACCURACY = 0.95;

    /** Features [mb, 1, T] of ±1; labels [mb, 2, T] one-hot of the first sign at the last step; label mask [mb, T]. */
    private static DataSet batch(Random rng, int mb) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, mb, 1, STEPS);
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, 2, STEPS);
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, mb, STEPS);
        for (int i = 0; i < mb; i++) {
            boolean first = rng.nextBoolean();
            x.putScalar(new int[] {i, 0, 0}, first ? 1 : -1);
            for (int t = 1; t < STEPS; t++) {
                x.putScalar(new int[] {i, 0, t}, rng.nextBoolean() ? 1 : -1);
            }
            y.putScalar(new int[] {i, first ? 1 : 0, STEPS - 1}, 1);
            labelMask.putScalar(i, STEPS - 1, 1);
        }
        return new DataSet(x, y, null, labelMask);
    }

    @Test
    void gru_learns_to_remember_the_first_input_over_ten_steps() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(41).dataType(DataType.FLOAT).updater(new Adam(0.02)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new GruLayerConfig.Builder().nIn(1).nOut(16).build())
                .layer(RecurrentTestSupport.softmaxOut(16, 2, RNNFormat.NCW))
                .build());
        net.init();
        Random rng = new Random(42);
        long start = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            net.fit(batch(rng, BATCH));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        DataSet test = batch(new Random(43), 500);
        INDArray out = net.output(test.getFeatures());   // [mb, 2, T]
        int correct = 0;
        for (int i = 0; i < 500; i++) {
            int predicted = out.getDouble(i, 1, STEPS - 1) > out.getDouble(i, 0, STEPS - 1) ? 1 : 0;
            int actual = test.getLabels().getDouble(i, 1, STEPS - 1) > 0.5 ? 1 : 0;
            correct += predicted == actual ? 1 : 0;
        }
        double accuracy = correct / 500.0;
        System.out.printf("GRU memory task: accuracy %.3f after %d iterations (%.1f s)%n", accuracy, ITERATIONS, seconds);
        assertTrue(accuracy >= REQUIRED_ACCURACY, "accuracy " + accuracy);
    }
}
