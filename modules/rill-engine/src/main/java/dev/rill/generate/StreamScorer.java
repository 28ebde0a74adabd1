package dev.rill.generate;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cross-entropy of a recurrent language model on a held-out token stream, computed in
 * parallel rows so it runs at minibatch speed, with every token predicted exactly once and with
 * enough context.
 *
 * <p>Of {@code n} tokens, the {@code m = n - 1} predictions are indexed by the position {@code i}
 * that is read ({@code x_i} predicts {@code x_{i+1}}). They are split into {@code R} contiguous
 * blocks of {@code P = ceil(m / rows)} positions. Row {@code r} scores block
 * {@code [r P, min((r+1) P, m))}, but starts reading {@code W} tokens earlier (the warm-up, not
 * scored) so its state has context when the block begins: row {@code r} reads positions
 * {@code [s_r, s_r + L)} with {@code L = W + P}, {@code s_r = clamp(r P - W, 0, m - L)},
 * {@code W = min(warmup, m - P)}. So every position {@code i} is predicted from at least
 * {@code min(i, W)} preceding tokens, the first block from all of them, and the result is the
 * token-weighted mean over all {@code m} predictions. With one row, or a warm-up of at least
 * {@code m - P}, every prediction sees the whole text before it, as one sequential pass would.
 *
 * <p>Rows are read with {@link MultiLayerNetwork#rnnTimeStep} in chunks of steps, the state
 * carried from chunk to chunk (chunks only bound the memory of the {@code [R, V, steps]}
 * softmax output). Probabilities are the network's softmax outputs, floored at the smallest
 * normal float so that an underflow to 0 stays a large finite loss.
 *
 * <p>The network's time-step state is cleared before and after; it must not be used by another
 * thread meanwhile.
 */
public final class StreamScorer {

    /** Softmax outputs held at once (32 MB as doubles). */
    private static final long OUTPUT_BUDGET = 4L << 20;

    private StreamScorer() {
    }

    /**
     * Where each row reads and what it scores.
     *
     * @param predictions {@code m}, positions scored in all
     * @param rows        {@code R}, rows used (at most the rows asked for)
     * @param block       {@code P}, positions scored per row (the last row may score fewer)
     * @param length      {@code L}, positions each row reads
     * @param starts      {@code s_r}, first position each row reads
     */
    public record Layout(int predictions, int rows, int block, int length, int[] starts) {

        /** Lays out {@code tokens} tokens in at most {@code rows} rows with a warm-up of {@code warmup} tokens. */
        public static Layout of(int tokens, int rows, int warmup) {
            if (tokens < 2) {
                throw new IllegalArgumentException("scoring needs at least 2 tokens (the first is context only), got " + tokens);
            }
            if (rows < 1 || warmup < 0) {
                throw new IllegalArgumentException("rows must be >= 1 and warm-up >= 0, got " + rows + " and " + warmup);
            }
            int m = tokens - 1;
            int block = (m + rows - 1) / rows;
            int used = (m + block - 1) / block;
            int w = Math.min(warmup, m - block);
            int length = w + block;
            int[] starts = new int[used];
            for (int r = 0; r < used; r++) {
                starts[r] = Math.max(0, Math.min(r * block - w, m - length));
            }
            return new Layout(m, used, block, length, starts);
        }

        /** Whether row {@code r} scores position {@code i}. */
        public boolean scores(int r, int i) {
            return i >= r * block && i < Math.min((r + 1) * block, predictions);
        }
    }

    /**
     * {@code -sum ln P(x_{i+1} | context)} over the stream, as laid out by {@link Layout#of}.
     *
     * @param network a language-model network (token ids in, per-step softmax out), see {@link RecurrentStepper}
     * @param tokens  the stream; ids in {@code [0, V)}
     * @param rows    parallel rows (the training batch size is a good choice)
     * @param warmup  tokens read before each row's block (the training window length is a good choice)
     */
    public static CrossEntropy score(MultiLayerNetwork network, int[] tokens, int rows, int warmup) {
        Layout layout = Layout.of(tokens.length, rows, warmup);
        int vocabularySize = RecurrentStepper.outputSize(network);
        int chunk = (int) Math.max(1, Math.min(layout.length(), OUTPUT_BUDGET / ((long) layout.rows() * vocabularySize)));
        double nats = 0;
        network.rnnClearPreviousState();
        try {
            for (int from = 0; from < layout.length(); from += chunk) {
                int steps = Math.min(chunk, layout.length() - from);
                int[][] inputs = new int[layout.rows()][steps];   // [rows, steps]
                for (int r = 0; r < layout.rows(); r++) {
                    System.arraycopy(tokens, layout.starts()[r] + from, inputs[r], 0, steps);
                }
                INDArray out = network.rnnTimeStep(RecurrentStepper.ids(network, inputs));   // [rows, V, steps]
                nats += chunkNats(layout, tokens, from, steps, probabilities(out, steps), vocabularySize);
            }
        } finally {
            network.rnnClearPreviousState();
        }
        return new CrossEntropy(nats, layout.predictions());
    }

    /** The output as a c-order array, {@code [rows, V, steps]} (a float network's values widened exactly). */
    private static double[] probabilities(INDArray out, int steps) {
        INDArray three = out.rank() == 2 ? out.reshape(out.size(0), out.size(1), 1) : out;
        if (three.size(2) != steps) {
            throw new IllegalStateException("expected " + steps + " output steps, got " + three.size(2));
        }
        return three.dup('c').data().asDouble();
    }

    private static double chunkNats(Layout layout, int[] tokens, int from, int steps, double[] p, int vocabularySize) {
        double nats = 0;
        for (int r = 0; r < layout.rows(); r++) {
            for (int t = 0; t < steps; t++) {
                int i = layout.starts()[r] + from + t;
                if (layout.scores(r, i)) {
                    double prob = p[(r * vocabularySize + tokens[i + 1]) * steps + t];
                    nats -= Math.log(Math.max(prob, Float.MIN_NORMAL));
                }
            }
        }
        return nats;
    }
}
