package dev.rill.engine;

import dev.rill.config.Pooling;
import dev.rill.text.Example;
import dev.rill.text.LengthBuckets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * A DL4J sequence classifier and how to read its output: the last real step of the per-step
 * softmax ({@code pooling: last}) or the pooled softmax.
 *
 * <p>Not thread-safe (DL4J networks are not): give each thread its own copy ({@link #copy()}).
 */
public final class Classifier {

    private final MultiLayerNetwork network;
    private final Pooling pooling;

    public Classifier(MultiLayerNetwork network, Pooling pooling) {
        this.network = network;
        this.pooling = pooling;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public Pooling pooling() {
        return pooling;
    }

    public Classifier copy() {
        return new Classifier(network.clone(), pooling);
    }

    /**
     * Class probabilities for every example, in input order.
     *
     * @param batchSize examples per forward pass (batched by length, so little padding)
     * @return [examples][classes]
     */
    public double[][] probabilities(List<Example> examples, int batchSize) {
        int[] lengths = examples.stream().mapToInt(Example::length).toArray();
        double[][] out = new double[examples.size()][];
        for (int[] batch : LengthBuckets.sorted(lengths, batchSize)) {
            ClassificationBatch.Inputs in = ClassificationBatch.inputs(examples, batch);
            // training=false: no dropout. output() starts every sequence from a zero state (only
            // rnnTimeStep reads stored state), so nothing leaks between batches.
            INDArray y = network.output(in.ids(), false, in.mask(), null);
            for (int r = 0; r < batch.length; r++) {
                INDArray row = pooling == Pooling.LAST
                        ? y.get(point(r), all(), point(in.last()[r]))   // [batch, classes, time] -> [classes]
                        : y.getRow(r);                                 // [batch, classes] -> [classes]
                out[batch[r]] = row.toDoubleVector();
            }
        }
        return out;
    }

    /** Index of the largest probability. */
    public static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
