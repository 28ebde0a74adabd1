package dev.rill.generate;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent language model network as a {@link TokenStepper}, through
 * {@link MultiLayerNetwork#rnnTimeStep}: the network reads the new tokens from the state the last
 * call left, so a prefix is never run twice.
 *
 * <p>The network must read token ids {@code [batch, 1, time]} (an {@code EmbeddingSequenceLayer}
 * first) and end in a per-step softmax over the vocabulary ({@code RnnOutputLayer}, NCW).
 *
 * <p>DL4J keeps the {@code rnnTimeStep} state inside the network's layers, so a network serves
 * one text at a time: this stepper clears it on creation, and concurrent generations (a server's
 * requests) each need their own copy of the network ({@link MultiLayerNetwork#clone()}).
 */
public final class RecurrentStepper implements TokenStepper {

    private final MultiLayerNetwork network;
    private final int vocabularySize;

    /** Takes over {@code network}'s time-step state (clearing it). */
    public RecurrentStepper(MultiLayerNetwork network) {
        this.network = network;
        this.vocabularySize = outputSize(network);
        network.rnnClearPreviousState();
    }

    /** The size of the network's softmax: its last layer's nOut. */
    static int outputSize(MultiLayerNetwork network) {
        var conf = network.getLayerWiseConfigurations();
        var last = conf.getConf(conf.getConfs().size() - 1).getLayer();
        return Math.toIntExact(((FeedForwardLayer) last).getNOut());
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public double[] read(int... tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("read needs at least one token");
        }
        INDArray out = network.rnnTimeStep(ids(network, new int[][] {tokens}));   // [1, V, time]
        long last = out.rank() == 3 ? out.size(2) - 1 : 0;
        double[] p = new double[vocabularySize];
        for (int v = 0; v < p.length; v++) {
            p[v] = out.rank() == 3 ? out.getDouble(0, v, last) : out.getDouble(0, v);
        }
        return p;
    }

    /** {@code [rows, 1, time]} token ids in the network's data type (DL4J's TBPTT and embedding read rank 3). */
    static INDArray ids(MultiLayerNetwork network, int[][] rows) {
        int steps = rows[0].length;
        float[] flat = new float[rows.length * steps];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < steps; t++) {
                flat[r * steps + t] = rows[r][t];
            }
        }
        return Nd4j.create(flat, new long[] {rows.length, 1, steps}, 'c').castTo(network.params().dataType());
    }
}
