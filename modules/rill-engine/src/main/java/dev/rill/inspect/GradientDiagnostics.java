package dev.rill.inspect;

import dev.rill.config.CellType;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.Pooling;
import dev.rill.config.RillConfig;
import dev.rill.config.TrainingConfig;
import dev.rill.text.DataException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far back the loss gradient reaches, and whether gradient clipping is set sensibly.
 *
 * <p><b>Vanishing gradients.</b> With the loss {@code L} on each sequence's last real step {@code t} only,
 * the curve is {@code g(k) = mean over examples of ||dL/dx_{t-k}||}, where {@code x_s} is the input of the
 * first recurrent layer at step {@code s} (the embedding output). {@code g(k) / g(0)} is how much of the
 * gradient that reaches the last input survives {@code k} steps back. It is measured for the configured
 * cells and for the same network with every cell replaced by {@code rnn}, {@code lstm} and {@code gru}
 * (same sizes and seed), with dropout off (it would only add noise) and a per-step softmax scored at the
 * last step as the head (mean/max pooling would hand every step a direct gradient and hide the decay).
 *
 * <p>The first layer is an embedding of ids, whose input has no gradient. So the embedding runs forward
 * alone, and the rest of the network is copied (configuration and parameters) into a network whose
 * input is the embedded sequence {@code [batch, width, time]}; its input gradient is {@code dL/dx} at
 * every step ({@link MaskedGradients}, because DL4J's own {@code calculateGradients} mixes up the masks).
 *
 * <p><b>Clipping.</b> Rill clips each layer's gradient to L2 norm {@code training.gradient_clip}
 * (DL4J's {@code ClipL2PerLayer}). The configured network exactly as configured (dropout, head) gives
 * the raw gradient on the same minibatches; its per-layer norms against the threshold say whether
 * clipping never acts, acts sometimes, or rescales every update.
 */
public final class GradientDiagnostics {

    /** A clip threshold this many times beyond every measured norm is "far" from them. */
    static final double FAR = 3.0;

    private GradientDiagnostics() {
    }

    /**
     * What to measure.
     *
     * @param maxLag     largest {@code k} (steps back from the last)
     * @param batches    minibatches averaged over
     * @param trainSteps minibatches each network trains on before measuring (0: freshly initialised)
     */
    public record Settings(int maxLag, int batches, int trainSteps) {
        public Settings {
            if (maxLag < 1 || batches < 1 || trainSteps < 0) {
                throw new IllegalArgumentException("maxLag >= 1, batches >= 1, trainSteps >= 0; got " + maxLag + ", " + batches + ", " + trainSteps);
            }
        }
    }

    /**
     * One network's curve.
     *
     * @param name     {@code config (lstm)}, {@code rnn}, {@code lstm}, {@code gru}
     * @param meanNorm index {@code k}: mean {@code ||dL/dx_{t-k}||} over the measured examples
     */
    public record Curve(String name, double[] meanNorm) {
        /** {@code g(k) / g(0)}. */
        public double ratio(int k) {
            return meanNorm[k] / meanNorm[0];
        }

        /** The geometric mean of {@code g(k) / g(k-1)} over the measured lags: below 1 the gradient vanishes. */
        public double stepFactor() {
            int lag = meanNorm.length - 1;
            return Math.pow(ratio(lag), 1.0 / lag);
        }
    }

    /** Where a clip threshold sits relative to the gradient norms it acts on. */
    public enum ClipVerdict {
        /** {@code gradient_clip: 0}. */
        OFF,
        /** More than {@link #FAR} times the largest layer norm: never clips. */
        FAR_ABOVE,
        /** Within the range of layer norms: clips some updates. */
        NEAR,
        /** Below the smallest layer norm by more than {@link #FAR}: rescales every update. */
        FAR_BELOW
    }

    /**
     * Gradient norms of one layer.
     *
     * @param layer the layer as the config names it
     * @param norms one per minibatch
     */
    public record LayerNorms(String layer, double[] norms) {
    }

    /**
     * The clipping check.
     *
     * @param threshold    {@code training.gradient_clip}
     * @param globalNorms  L2 norm of the whole gradient, one per minibatch
     * @param layers       per-layer norms (what the threshold is applied to)
     * @param clippedShare share of (layer, minibatch) norms above the threshold
     */
    public record Clipping(double threshold, double[] globalNorms, List<LayerNorms> layers, double clippedShare, ClipVerdict verdict) {
    }

    /**
     * The measurements.
     *
     * @param lag       largest lag measured (may be smaller than asked when the examples are short)
     * @param examples  examples averaged over per lag
     * @param source    where the minibatches came from
     * @param curves    the configured cells first, then rnn, lstm, gru
     * @param clipping  the clipping check on the configured network
     */
    public record Result(int lag, int examples, String source, int trainSteps, List<Curve> curves, Clipping clipping) {
    }

    /** Measures curves and clipping for {@code config} on minibatches from {@code batches}. */
    public static Result run(RillConfig config, NetworkSizes sizes, GradientBatches batches, Settings settings) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int lag = batches.usableLag(settings.maxLag(), settings.batches());
        if (lag < 1) {
            throw new DataException("the training examples are too short to measure any lag: they need at least 2 tokens");
        }
        List<DataSet> measured = batches.measurement(lag, settings.batches(), Pooling.LAST);
        List<DataSet> training = settings.trainSteps() == 0 ? List.of() : batches.training(settings.trainSteps(), Pooling.LAST);
        int examples = measured.stream().mapToInt(DataSet::numExamples).sum();

        // Full backprop for measuring: truncated BPTT would cut the gradient at the segment border by design.
        TrainingConfig fullBackprop = withoutTbptt(config.training());
        List<Curve> curves = new ArrayList<>();
        String configured = String.join("+", config.model().layers().stream().map(l -> l.cell().yamlName()).distinct().toList());
        curves.add(curve("config (" + configured + ")", sizes.build(config, measuringModel(config.model(), null), fullBackprop),
                training, measured, lag));
        for (CellType cell : List.of(CellType.RNN, CellType.LSTM, CellType.GRU)) {
            curves.add(curve(cell.yamlName(), sizes.build(config, measuringModel(config.model(), cell), fullBackprop), training, measured, lag));
        }

        MultiLayerNetwork asConfigured = sizes.build(config, config.model(), fullBackprop);
        Pooling head = config.model().pooling();
        List<DataSet> clipTraining = settings.trainSteps() == 0 ? List.of() : batches.training(settings.trainSteps(), head);
        clipTraining.forEach(asConfigured::fit);
        Clipping clipping = clipping(config, asConfigured, batches.measurement(lag, settings.batches(), head));
        return new Result(lag, examples, batches.source(), settings.trainSteps(), curves, clipping);
    }

    /** The config's model with dropout off, the last-step head, and every cell replaced by {@code cell} (null: as configured). */
    static ModelConfig measuringModel(ModelConfig model, CellType cell) {
        List<LayerConfig> layers = model.layers().stream()
                .map(l -> new LayerConfig(cell == null ? l.cell() : cell, l.units(), l.bidirectional(), 0.0)).toList();
        return new ModelConfig(model.embedding(), layers, Pooling.LAST, 0.0, model.weightInit(), model.charCnn());
    }

    private static TrainingConfig withoutTbptt(TrainingConfig t) {
        return new TrainingConfig(t.epochs(), t.batchSize(), t.optimizer(), t.gradientClip(), 0, t.seed(), t.logEvery());
    }

    private static Curve curve(String name, MultiLayerNetwork net, List<DataSet> training, List<DataSet> measured, int lag) {
        training.forEach(net::fit);
        MaskedGradients rest = MaskedGradients.copyFrom(net, 1);
        double[] sum = new double[lag + 1];
        long[] count = new long[lag + 1];
        for (DataSet ds : measured) {
            INDArray mask = ds.getFeaturesMaskArray();                         // [batch, time]
            int[] last = lastSteps(mask);
            INDArray embedded = net.feedForwardToLayer(0, ds.getFeatures(), false).get(1); // [batch, width, time]
            Pair<Gradient, INDArray> g = rest.gradients(embedded, ds.getLabels(), mask, lastStepMask(last, mask));
            float[][][] eps = toArray(g.getSecond());                          // [batch][width][time]
            for (int r = 0; r < last.length; r++) {
                for (int k = 0; k <= lag && k <= last[r]; k++) {
                    double s = 0;
                    for (float[] unit : eps[r]) {
                        double v = unit[last[r] - k];
                        s += v * v;
                    }
                    sum[k] += Math.sqrt(s);
                    count[k]++;
                }
            }
        }
        double[] mean = new double[lag + 1];
        for (int k = 0; k <= lag; k++) {
            mean[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return new Curve(name, mean);
    }

    /** Each row's last real step: masks are 1 on real steps, which come first (right padding). */
    private static int[] lastSteps(INDArray mask) {
        float[][] m = mask.toFloatMatrix();
        int[] last = new int[m.length];
        for (int r = 0; r < m.length; r++) {
            int n = 0;
            for (float v : m[r]) {
                n += v > 0 ? 1 : 0;
            }
            last[r] = n - 1;
        }
        return last;
    }

    /** [batch, time]: 1 at each row's last real step, so the loss is on that step alone. */
    private static INDArray lastStepMask(int[] last, INDArray like) {
        INDArray m = Nd4j.zeros(DataType.FLOAT, like.size(0), like.size(1));
        for (int r = 0; r < last.length; r++) {
            m.putScalar(r, last[r], 1f);
        }
        return m;
    }

    private static float[][][] toArray(INDArray a) {
        long[] s = a.shape();
        float[] flat = a.dup('c').data().asFloat();
        float[][][] out = new float[(int) s[0]][(int) s[1]][(int) s[2]];
        int i = 0;
        for (float[][] row : out) {
            for (float[] unit : row) {
                System.arraycopy(flat, i, unit, 0, unit.length);
                i += unit.length;
            }
        }
        return out;
    }

    private static Clipping clipping(RillConfig config, MultiLayerNetwork net, List<DataSet> batches) {
        MaskedGradients whole = MaskedGradients.copyFrom(net, 0);
        double[] global = new double[batches.size()];
        Map<Integer, double[]> perLayer = new TreeMap<>();
        for (int b = 0; b < batches.size(); b++) {
            DataSet ds = batches.get(b);
            Gradient g = whole.gradients(ds.getFeatures(), ds.getLabels(), ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()).getFirst();
            double total = 0;
            Map<Integer, Double> squares = new TreeMap<>();
            for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
                int layer = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('_')));
                double sq = Math.pow(e.getValue().norm2Number().doubleValue(), 2);
                squares.merge(layer, sq, Double::sum);
                total += sq;
            }
            // DL4J divides the summed gradient by the minibatch size before it clips (BaseMultiLayerUpdater.update):
            // the threshold applies to these per-example norms.
            double perExample = ds.numExamples();
            global[b] = Math.sqrt(total) / perExample;
            for (Map.Entry<Integer, Double> e : squares.entrySet()) {
                perLayer.computeIfAbsent(e.getKey(), k -> new double[batches.size()])[b] = Math.sqrt(e.getValue()) / perExample;
            }
        }
        List<LayerNorms> layers = new ArrayList<>();
        perLayer.forEach((i, norms) -> layers.add(new LayerNorms(
                LayerKinds.describe(i, net.getLayerWiseConfigurations().getConf(i).getLayer(), config.model(), config.task()), norms)));
        double threshold = config.training().gradientClip();
        double[] all = layers.stream().flatMapToDouble(l -> Arrays.stream(l.norms())).toArray();
        double share = threshold <= 0 ? 0 : Arrays.stream(all).filter(n -> n > threshold).count() / (double) all.length;
        return new Clipping(threshold, global, layers, share, verdict(threshold, all));
    }

    static ClipVerdict verdict(double threshold, double[] norms) {
        if (threshold <= 0) {
            return ClipVerdict.OFF;
        }
        double max = Arrays.stream(norms).max().orElse(0);
        double min = Arrays.stream(norms).min().orElse(0);
        if (threshold > FAR * max) {
            return ClipVerdict.FAR_ABOVE;
        }
        if (threshold * FAR < min) {
            return ClipVerdict.FAR_BELOW;
        }
        return ClipVerdict.NEAR;
    }
}
