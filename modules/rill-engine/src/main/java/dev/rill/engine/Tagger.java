package dev.rill.engine;

import dev.rill.text.LengthBuckets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A DL4J sequence tagger and how to read its output: the most probable tag at every real step.
 *
 * <p>Not thread-safe (DL4J networks are not): give each thread its own copy ({@link #copy()}).
 */
public final class Tagger {

    private final MultiLayerNetwork network;
    private final int channels;

    /** @param channels input channels per step (see {@link WordFeatures#channels()}) */
    public Tagger(MultiLayerNetwork network, int channels) {
        this.network = network;
        this.channels = channels;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public Tagger copy() {
        return new Tagger(network.clone(), channels);
    }

    /**
     * The most probable tag index per token, for every sentence in input order.
     *
     * @param batchSize sentences per forward pass (batched by length, so little padding)
     */
    public int[][] predict(List<WordFeatures.TaggerInput> sentences, int batchSize) {
        int[] lengths = sentences.stream().mapToInt(WordFeatures.TaggerInput::length).toArray();
        int[][] out = new int[sentences.size()][];
        for (int[] batch : LengthBuckets.sorted(lengths, batchSize)) {
            TaggingBatch.Inputs in = TaggingBatch.inputs(sentences, batch, channels);
            // training=false: no dropout; output() starts from a zero state, so batches do not leak into each other.
            INDArray y = network.output(in.features(), false, in.mask(), null); // [batch, tags, time]
            int[][] best = y.argMax(1).toIntMatrix();                          // [batch, time]
            for (int r = 0; r < batch.length; r++) {
                out[batch[r]] = java.util.Arrays.copyOf(best[r], lengths[batch[r]]);
            }
        }
        return out;
    }
}
