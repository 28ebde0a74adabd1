package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Minibatches of random token ids (and random labels) when the data is not read: every example has
 * the same length, so every step is real and every lag up to {@code length - 1} is measured.
 */
public final class RandomBatches implements GradientBatches {

    private final NetworkSizes sizes;
    private final int characters;
    private final int batchSize;
    private final int length;
    private final boolean perStepLabels;
    private final Random rng;

    /**
     * @param characters    character ids per token (the config's char_cnn max_chars), 0 without
     * @param length        tokens per example
     * @param perStepLabels a tag at every step (tagging) rather than one label at the last step
     */
    public RandomBatches(NetworkSizes sizes, int characters, int batchSize, int length, boolean perStepLabels, long seed) {
        this.sizes = sizes;
        this.characters = characters;
        this.batchSize = batchSize;
        this.length = length;
        this.perStepLabels = perStepLabels;
        this.rng = new Random(seed);
    }

    @Override
    public String source() {
        return "random token ids (" + length + " per example), no data read";
    }

    @Override
    public int usableLag(int wanted, int batches) {
        return Math.min(wanted, length - 1);
    }

    @Override
    public List<DataSet> measurement(int lag, int batches, Pooling pooling) {
        return make(batches, pooling);
    }

    @Override
    public List<DataSet> training(int steps, Pooling pooling) {
        return make(steps, pooling);
    }

    private List<DataSet> make(int count, Pooling pooling) {
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(batch(pooling));
        }
        return out;
    }

    private DataSet batch(Pooling pooling) {
        int channels = 1 + characters;
        INDArray features = Nd4j.zeros(DataType.FLOAT, batchSize, channels, length); // [batch, channels, time]
        INDArray mask = Nd4j.ones(DataType.FLOAT, batchSize, length);                // [batch, time]
        for (int r = 0; r < batchSize; r++) {
            for (int t = 0; t < length; t++) {
                features.putScalar(new long[] {r, 0, t}, randomId(sizes.words()));
                for (int c = 1; c < channels; c++) {
                    features.putScalar(new long[] {r, c, t}, randomId(sizes.chars()));
                }
            }
        }
        int classes = sizes.classes();
        if (perStepLabels) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, classes, length); // [batch, classes, time]
            for (int r = 0; r < batchSize; r++) {
                for (int t = 0; t < length; t++) {
                    labels.putScalar(new long[] {r, rng.nextInt(classes), t}, 1f);
                }
            }
            return new DataSet(features, labels, mask, mask);
        }
        if (pooling != Pooling.LAST) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, classes); // [batch, classes]
            for (int r = 0; r < batchSize; r++) {
                labels.putScalar(r, rng.nextInt(classes), 1f);
            }
            return new DataSet(features, labels, mask, null);
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, classes, length); // [batch, classes, time]
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, batchSize, length);       // 1 at the last step
        for (int r = 0; r < batchSize; r++) {
            labels.putScalar(new long[] {r, rng.nextInt(classes), length - 1}, 1f);
            labelMask.putScalar(r, length - 1, 1f);
        }
        return new DataSet(features, labels, mask, labelMask);
    }

    /** An id of a real token: never {@code <pad>} or {@code <unk>} (when the vocabulary has more). */
    private int randomId(int vocabulary) {
        int first = vocabulary > Vocabulary.UNK_ID + 1 ? Vocabulary.UNK_ID + 1 : Vocabulary.UNK_ID;
        return first + rng.nextInt(Math.max(1, vocabulary - first));
    }
}
