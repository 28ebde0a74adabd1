package dev.rill.inspect;

import dev.rill.config.RillConfig;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network a config builds, layer by layer, with the shapes of one training minibatch and an
 * estimate of the memory training needs. The network is the real one ({@code NetworkFactory} via
 * {@link NetworkSizes}); only its parameters are counted, nothing is trained.
 *
 * @param layers   from the embedding to the output layer
 * @param params   parameters of the whole network
 * @param batch    examples per minibatch ({@code training.batch_size})
 * @param length   time steps per minibatch the estimate is for
 * @param memory   the training memory estimate
 */
public record NetworkPlan(List<LayerRow> layers, long params, int batch, int length, MemoryEstimate memory) {

    /**
     * One layer.
     *
     * @param kind   what the config calls it, e.g. {@code lstm 128}
     * @param input  its input shape, e.g. {@code [32, 128, 56]} ([batch, width, time])
     * @param output its output shape
     * @param params its parameter count
     */
    public record LayerRow(String kind, String input, String output, long params) {
    }

    /**
     * Builds the network of {@code config} with {@code sizes} and describes it for minibatches of
     * {@code training.batch_size} examples and {@code length} steps.
     */
    public static NetworkPlan of(RillConfig config, NetworkSizes sizes, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerNetwork net = sizes.build(config);
        int batch = config.training().batchSize();
        int channels = config.model().charCnn() == null ? 1 : 1 + config.model().charCnn().maxChars();
        InputType in = InputType.recurrent(channels, length, RNNFormat.NCW);
        List<LayerRow> rows = new ArrayList<>();
        List<MemoryEstimate.LayerUse> uses = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayerWiseConfigurations().getConf(i).getLayer();
            InputType out = outputType(i, layer, in, length);
            long params = net.getLayer(i).numParams();
            rows.add(new LayerRow(LayerKinds.describe(i, layer, config.model(), config.task()), shape(in, batch, i == 0), shape(out, batch, false), params));
            uses.add(new MemoryEstimate.LayerUse(layer, in, out, params, report(layer, in)));
            in = out;
        }
        long updaterState = net.getUpdater() == null || net.getUpdater().getStateViewArray() == null
                ? 0 : net.getUpdater().getStateViewArray().length();
        MemoryEstimate memory = MemoryEstimate.of(uses, net.numParams(), updaterState, batch, length);
        return new NetworkPlan(List.copyOf(rows), net.numParams(), batch, length, memory);
    }

    /**
     * The output type with the true length. DL4J 1.0.0-M2.1 gets it wrong in three places:
     * {@code EmbeddingSequenceLayer.getOutputType} reports its configured {@code inputLength} (1 by default)
     * as the time length, which also makes {@code MultiLayerConfiguration.getMemoryReport} count one time
     * step for the whole network; {@code Bidirectional} drops the length; {@code GlobalPoolingLayer}
     * without explicit pooling dimensions returns its input type unchanged.
     */
    private static InputType outputType(int index, Layer layer, InputType in, int length) {
        if (layer instanceof GlobalPoolingLayer) {
            return InputType.feedForward(((InputType.InputTypeRecurrent) in).getSize());
        }
        InputType out = layer instanceof EmbeddingSequenceLayer e ? InputType.recurrent(e.getNOut()) : layer.getOutputType(index, in);
        return out instanceof InputType.InputTypeRecurrent r ? InputType.recurrent(r.getSize(), length, RNNFormat.NCW) : out;
    }

    /** The layer's own memory report, or null when it has none (DL4J's SimpleRnn returns none). */
    private static LayerMemoryReport report(Layer layer, InputType in) {
        try {
            return layer.getMemoryReport(in);
        } catch (RuntimeException e) {
            return null; // e.g. Bidirectional around a layer without a report
        }
    }

    private static String shape(InputType type, int batch, boolean ids) {
        if (type instanceof InputType.InputTypeRecurrent r) {
            return String.format(Locale.ROOT, "[%d, %d, %d]%s", batch, r.getSize(), r.getTimeSeriesLength(), ids ? " ids" : "");
        }
        return String.format(Locale.ROOT, "[%d, %d]", batch, type.arrayElementsPerExample());
    }

}
