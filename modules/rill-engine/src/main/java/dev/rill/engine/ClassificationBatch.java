package dev.rill.engine;

import dev.rill.config.Pooling;
import dev.rill.text.Example;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Turns a minibatch of encoded examples into DL4J tensors: right-padded token ids with a
 * features mask, and labels shaped for the network's head.
 *
 * <p>Padding is on the right, so each sequence's real steps come first and its state at its last
 * real step is unaffected by padding: a padded batch predicts what each example alone predicts.
 */
public final class ClassificationBatch {

    private ClassificationBatch() {
    }

    /** Token ids and mask only (for prediction). */
    public static Inputs inputs(List<Example> examples, int[] batch) {
        int mb = batch.length;
        int t = 0;
        for (int i : batch) {
            t = Math.max(t, examples.get(i).length());
        }
        float[][] ids = new float[mb][t];   // [batch, time], 0 = <pad>
        float[][] mask = new float[mb][t];  // [batch, time], 1 on real steps
        int[] last = new int[mb];
        for (int r = 0; r < mb; r++) {
            int[] tokens = examples.get(batch[r]).tokens();
            for (int s = 0; s < tokens.length; s++) {
                ids[r][s] = tokens[s];
                mask[r][s] = 1f;
            }
            last[r] = tokens.length - 1;
        }
        // [batch, 1, time]: rank 3, because DL4J's truncated BPTT silently skips the update for
        // rank-2 features (it only slices rank-3 arrays); EmbeddingSequenceLayer reads both.
        return new Inputs(Nd4j.create(ids).reshape(mb, 1, t), Nd4j.create(mask), last);
    }

    /** A training or scoring minibatch for a classifier with the given head. */
    public static DataSet dataSet(List<Example> examples, int[] batch, int classes, Pooling pooling) {
        Inputs in = inputs(examples, batch);
        int mb = batch.length;
        if (pooling != Pooling.LAST) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, mb, classes); // [batch, classes]
            for (int r = 0; r < mb; r++) {
                labels.putScalar(r, examples.get(batch[r]).label(), 1f);
            }
            return new DataSet(in.ids(), labels, in.mask(), null);
        }
        long t = in.ids().size(2);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, mb, classes, t); // [batch, classes, time]
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, mb, t);       // [batch, time]: 1 at the last real step only
        for (int r = 0; r < mb; r++) {
            labels.putScalar(new long[] {r, examples.get(batch[r]).label(), in.last()[r]}, 1f);
            labelMask.putScalar(r, in.last()[r], 1f);
        }
        return new DataSet(in.ids(), labels, in.mask(), labelMask);
    }

    /**
     * Network inputs of a batch.
     *
     * @param ids  [batch, 1, time] token ids as floats (what EmbeddingSequenceLayer reads)
     * @param mask [batch, time] 1 on real steps
     * @param last index of each row's last real step
     */
    public record Inputs(INDArray ids, INDArray mask, int[] last) {
    }
}
