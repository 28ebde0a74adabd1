package dev.rill.layers.bench;

import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dev.rill.layers.GruLayerConfig;

/**
 * Training throughput (forward + backward + Adam update) of two stacked GRU layers vs two stacked DL4J LSTM layers
 * on a character-level language-model shape: batch 32, 100 steps, 256 units, one-hot vocabulary of 65, float.
 *
 * <p>Run with OMP_NUM_THREADS=1 (or what production uses), e.g.
 * {@code bin/rill bench layers --peer}, which also runs {@code ../shared/peer-bench} on the same shape.
 */
public final class GruLstmBench {

    public static final int BATCH = 32;
    public static final int STEPS = 100;
    public static final int UNITS = 256;
    public static final int VOCAB = 65;

    private GruLstmBench() {
    }

    /** The layers compared. */
    public enum Cell {
        /** Rill's GRU. */
        GRU,
        /** DL4J's LSTM. */
        LSTM
    }

    /**
     * Tokens per second of full training steps (forward, backward, Adam update) for one cell.
     *
     * @param warmup     untimed steps first (JIT, workspaces)
     * @param iterations timed steps
     */
    public static double tokensPerSecond(Cell cell, int warmup, int iterations) {
        return tokensPerSecond(network(cell == Cell.GRU), oneHotBatch(new Random(1)), warmup, iterations);
    }

    /** Prints both cells' throughput: {@code GruLstmBench [warmup] [iters]}. */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("batch %d, %d steps, %d units, vocab %d, 2 layers, float, OMP_NUM_THREADS=%s%n",
                BATCH, STEPS, UNITS, VOCAB, System.getenv("OMP_NUM_THREADS"));
        double gru = tokensPerSecond(Cell.GRU, warmup, iterations);
        System.out.printf("GRU  (rill)  %10.0f tokens/s%n", gru);
        double lstm = tokensPerSecond(Cell.LSTM, warmup, iterations);
        System.out.printf("LSTM (DL4J)  %10.0f tokens/s%n", lstm);
        System.out.printf("GRU / LSTM   %10.2f%n", gru / lstm);
    }

    private static MultiLayerNetwork network(boolean gru) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list();
        for (int i = 0; i < 2; i++) {
            long nIn = i == 0 ? VOCAB : UNITS;
            Layer layer = gru
                    ? new GruLayerConfig.Builder().nIn(nIn).nOut(UNITS).build()
                    : new LSTM.Builder().nIn(nIn).nOut(UNITS).activation(Activation.TANH).build();
            list.layer(layer);
        }
        list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(UNITS).nOut(VOCAB).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Random one-hot characters; labels are the inputs shifted by one step, as in language modelling. */
    private static DataSet oneHotBatch(Random rng) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, BATCH, VOCAB, STEPS);   // [mb, vocab, T]
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, VOCAB, STEPS);   // [mb, vocab, T]
        for (int i = 0; i < BATCH; i++) {
            int c = rng.nextInt(VOCAB);
            for (int t = 0; t < STEPS; t++) {
                int next = rng.nextInt(VOCAB);
                x.putScalar(new int[] {i, c, t}, 1f);
                y.putScalar(new int[] {i, next, t}, 1f);
                c = next;
            }
        }
        return new DataSet(x, y);
    }

    private static double tokensPerSecond(MultiLayerNetwork net, DataSet data, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            net.fit(data);
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.fit(data);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) BATCH * STEPS * iterations / seconds;
    }
}
