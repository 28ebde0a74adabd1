package dev.rill.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.rill.config.CellType;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.Pooling;
import dev.rill.config.TrainingConfig;
import dev.rill.config.WeightInitKind;
import dev.rill.engine.ClassificationBatch;
import dev.rill.engine.NetworkFactory;
import dev.rill.text.Example;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The standard training cases of {@code ../shared/peer-bench}, built through Rill's own config path: a
 * {@link ModelConfig} and {@link TrainingConfig} turned into a network by {@link NetworkFactory#classifier}, with the
 * peer's sizes, Xavier weights, Adam at 2e-3 and no gradient clipping.
 *
 * <p>{@code lm} feeds the 65 symbols through an embedding of width 65 (Rill's networks read token ids) where the peer
 * feeds one-hot vectors: the first recurrent layer then sees 65 inputs either way, so the matrix products, and the
 * FLOP count, are the same; the lookup and the 65 x 65 table's update are negligible. Its head is the per-step softmax
 * that {@code pooling: last} uses, with a label at every step. {@code cls} is exactly a Rill sentence classifier: an
 * embedding of 128 over 20,000 ids, one recurrent layer, the label at the last step.
 */
public enum BenchTask {

    /** Character language model: 65 symbols -> 2 x 256 -> softmax over 65 at every step; batch 32, 100 steps. */
    LM("lm", 32, 100, 256, 2, 65, 65, 65, 10),
    /** Sentence classification: 20,000 ids -> embedding 128 -> 1 x 128 -> last step -> 2 classes; batch 64, 50 steps. */
    CLS("cls", 64, 50, 128, 1, 20_000, 128, 2, 30);

    private final String name;
    private final int batch;
    private final int steps;
    private final int units;
    private final int layers;
    private final int vocabulary;
    private final int embedding;
    private final int classes;
    private final int peerIterations;

    BenchTask(String name, int batch, int steps, int units, int layers, int vocabulary, int embedding, int classes,
            int peerIterations) {
        this.name = name;
        this.batch = batch;
        this.steps = steps;
        this.units = units;
        this.layers = layers;
        this.vocabulary = vocabulary;
        this.embedding = embedding;
        this.classes = classes;
        this.peerIterations = peerIterations;
    }

    /** The peer's name for the task. */
    public String yamlName() {
        return name;
    }

    /** The task named {@code name} ("lm" or "cls"). */
    public static BenchTask named(String name) {
        for (BenchTask t : values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown benchmark task '" + name + "', expected lm or cls");
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    public int units() {
        return units;
    }

    public int layers() {
        return layers;
    }

    /** Timed steps the peer's README uses for this task. */
    public int peerIterations() {
        return peerIterations;
    }

    /** Tokens trained per step: batch x steps. */
    public long tokensPerStep() {
        return (long) batch * steps;
    }

    /** The model section: embedding, {@link #layers} unidirectional layers of the cell, the last step's softmax head. */
    public ModelConfig model(CellType cell) {
        List<LayerConfig> stack = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            stack.add(new LayerConfig(cell, units, false, 0.0));
        }
        return new ModelConfig(embedding, stack, Pooling.LAST, 0.0, WeightInitKind.XAVIER);
    }

    /** The training section: the peer's Adam at 2e-3, no clipping, full BPTT. */
    public TrainingConfig training() {
        return new TrainingConfig(1, batch, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 2e-3, 0.0, 0.0),
                0.0, 0, 42L, 50);
    }

    /** The network Rill builds for this task and cell. */
    public MultiLayerNetwork network(CellType cell) {
        return NetworkFactory.classifier(model(cell), training(), vocabulary, classes);
    }

    /** A random minibatch shaped as Rill's trainer feeds it. */
    public DataSet trainingBatch(Random rng) {
        if (this == CLS) {
            List<Example> examples = new ArrayList<>();
            int[] order = new int[batch];
            for (int i = 0; i < batch; i++) {
                examples.add(new Example(randomIds(rng, steps), rng.nextInt(classes)));
                order[i] = i;
            }
            return ClassificationBatch.dataSet(examples, order, classes, Pooling.LAST);
        }
        INDArray ids = Nd4j.zeros(DataType.FLOAT, batch, 1, steps);             // [batch, 1, time]
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, classes, steps);    // [batch, classes, time]: next symbol
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                ids.putScalar(new int[] {i, 0, t}, rng.nextInt(vocabulary));
                labels.putScalar(new int[] {i, rng.nextInt(classes), t}, 1f);
            }
        }
        return new DataSet(ids, labels);
    }

    /** A random sequence of token ids (never the padding id 0). */
    static int[] randomIds(Random rng, int length) {
        int[] ids = new int[length];
        for (int t = 0; t < length; t++) {
            ids[t] = 1 + rng.nextInt(BenchTask.CLS.vocabulary - 1);
        }
        return ids;
    }

    /**
     * Floating-point operations of one training step (forward and backward), as the peer benchmark counts them: per
     * token 24·H·(I+H) for each LSTM layer or 18·H·(I+H) for each GRU layer, plus 6·H·V for the output layer.
     */
    public double flopsPerStep(CellType cell) {
        int perUnit = cell == CellType.LSTM ? 24 : cell == CellType.GRU ? 18 : 6;
        double perToken = 6.0 * units * classes;
        int in = embedding;
        for (int i = 0; i < layers; i++) {
            perToken += (double) perUnit * units * (in + units);
            in = units;
        }
        return perToken * tokensPerStep();
    }
}
