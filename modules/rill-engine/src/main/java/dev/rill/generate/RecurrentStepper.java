package dev.rill.generate;

import dev.rill.layers.TokenEmbeddingConfig;
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
 * first) and end in a per-step softmax over the vocabulary ({@code RnnOutputLayer}, NCW). A
 * generator whose embedding reads a condition at every step ({@link TokenEmbeddingConfig} with
 * conditions) reads {@code [batch, 2, time]}: the stepper is created with its condition and adds it
 * beside every token.
 *
 * <p>DL4J keeps the {@code rnnTimeStep} state inside the network's layers, so a network serves
 * one text at a time: this stepper clears it on creation, and concurrent generations (a server's
 * requests) each need their own copy of the network ({@link MultiLayerNetwork#clone()}).
 */
public final class RecurrentStepper implements TokenStepper {

    private final MultiLayerNetwork network;
    private final int vocabularySize;
    private final int condition;

    /** Takes over {@code network}'s time-step state (clearing it); for a network that reads no condition. */
    public RecurrentStepper(MultiLayerNetwork network) {
        this(network, -1);
    }

    /**
     * Takes over {@code network}'s time-step state (clearing it).
     *
     * @param condition the condition index read beside every token, in [0, {@link #conditions}); -1 when the network
     *                  reads none
     */
    public RecurrentStepper(MultiLayerNetwork network, int condition) {
        int conditions = conditions(network);
        if (conditions == 0 ? condition != -1 : condition < 0 || condition >= conditions) {
            throw new IllegalArgumentException(conditions == 0
                    ? "this network reads no condition, got condition " + condition
                    : "this network reads a condition in [0, " + conditions + ") at every step, got " + condition);
        }
        this.network = network;
        this.vocabularySize = outputSize(network);
        this.condition = condition;
        network.rnnClearPreviousState();
    }

    /** How many conditions the network reads beside every token (its first layer's), 0 when it reads ids only. */
    public static int conditions(MultiLayerNetwork network) {
        var first = network.getLayerWiseConfigurations().getConf(0).getLayer();
        return first instanceof TokenEmbeddingConfig e ? Math.toIntExact(e.getConditions()) : 0;
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
        INDArray out = network.rnnTimeStep(ids(network, new int[][] {tokens}, condition));   // [1, V, time]
        long last = out.rank() == 3 ? out.size(2) - 1 : 0;
        double[] p = new double[vocabularySize];
        for (int v = 0; v < p.length; v++) {
            p[v] = out.rank() == 3 ? out.getDouble(0, v, last) : out.getDouble(0, v);
        }
        return p;
    }

    /** {@code [rows, 1, time]} token ids in the network's data type (DL4J's TBPTT and embedding read rank 3). */
    static INDArray ids(MultiLayerNetwork network, int[][] rows) {
        return ids(network, rows, -1);
    }

    /** As {@link #ids(MultiLayerNetwork, int[][])}, with {@code condition} as channel 1 of every step unless it is -1. */
    private static INDArray ids(MultiLayerNetwork network, int[][] rows, int condition) {
        int steps = rows[0].length;
        int channels = condition < 0 ? 1 : 2;
        float[] flat = new float[rows.length * channels * steps];   // [rows, channels, time]
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < steps; t++) {
                flat[r * channels * steps + t] = rows[r][t];
                if (channels == 2) {
                    flat[(r * channels + 1) * steps + t] = condition;
                }
            }
        }
        return Nd4j.create(flat, new long[] {rows.length, channels, steps}, 'c').castTo(network.params().dataType());
    }
}
