package dev.rill.layers;

import static dev.rill.layers.WordCharTestSupport.PAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import dev.rill.layers.WordCharTestSupport.Step;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Configuration JSON, model files, builder defaults, input types and parameter layout of WordCharEmbedding. */
class WordCharEmbeddingSerializationTest {

    private static final int MAX_CHARS = 5;

    private static final Step[][] SENTENCES = {
        {new Step(1, 2, 3), new Step(5, 6, 1, 1), new Step(2)},
        {new Step(3, 4), PAD, PAD},
    };

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    /** Non-default settings everywhere, so a field lost in JSON shows. */
    private static MultiLayerConfiguration configuration() {
        return RecurrentTestSupport.gradientCheckBase(51).updater(new Adam(1e-2)).list()
                .layer(new WordCharEmbeddingConfig.Builder().name("words").nWords(6).wordDim(3).nChars(7).charDim(2)
                        .filters(4).width(5).maxChars(MAX_CHARS).activation(Activation.SOFTSIGN).biasInit(0.3)
                        .weightInit(WeightInit.NORMAL).l2(1e-4).build())
                .layer(new GruLayerConfig.Builder().nIn(7).nOut(4).dropOut(0.9).build())
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build();
    }

    @Test
    void json_round_trip_of_configuration_gives_equal_configuration_and_identical_output() {
        MultiLayerConfiguration conf = configuration();
        String json = conf.toJson();
        assertTrue(json.contains("dev.rill.layers.WordCharEmbeddingConfig"), "class name is the JSON type id");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());

        WordCharEmbeddingConfig c = (WordCharEmbeddingConfig) back.getConf(0).getLayer();
        assertEquals(java.util.List.of(6, 3, 7, 2, 4, 5, 5), java.util.List.of(c.getNWords(), c.getWordDim(),
                c.getNChars(), c.getCharDim(), c.getFilters(), c.getWidth(), c.getMaxChars()));
        assertEquals(6, c.getNIn());
        assertEquals(7, c.getNOut());
        assertInstanceOf(ActivationSoftSign.class, c.getActivationFn());
        assertEquals(0.3, c.getBiasInit());
        assertNull(c.getIDropout());

        MultiLayerNetwork a = WordCharTestSupport.init(new MultiLayerNetwork(conf));
        MultiLayerNetwork b = new MultiLayerNetwork(back);
        b.init(a.params().dup(), false);
        INDArray x = WordCharTestSupport.pack(SENTENCES, MAX_CHARS, DataType.DOUBLE);
        assertEquals(0.0, a.output(x).sub(b.output(x)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void model_serializer_round_trip_gives_identical_output_and_training_state(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = WordCharTestSupport.init(new MultiLayerNetwork(configuration()));
        INDArray x = WordCharTestSupport.pack(SENTENCES, MAX_CHARS, DataType.DOUBLE);
        INDArray mask = WordCharTestSupport.maskOf(SENTENCES, DataType.DOUBLE);
        INDArray y = RecurrentTestSupport.oneHotLabels(2, 3, 3, 52);
        DataSet data = new DataSet(x, y, mask, mask);
        net.fit(data);   // non-trivial updater state

        File file = dir.resolve("wordchar.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertInstanceOf(WordCharEmbeddingLayer.class, restored.getLayer(0));
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, net.output(x, false, mask, null).sub(restored.output(x, false, mask, null))
                .amaxNumber().doubleValue(), 0.0);

        // Same updater state: one more identical step keeps the two identical (same seed for the GRU's dropout).
        Nd4j.getRandom().setSeed(53);
        net.fit(data);
        Nd4j.getRandom().setSeed(53);
        restored.fit(data);
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void builder_defaults_parameter_layout_and_initialisation() {
        WordCharEmbeddingConfig conf = new WordCharEmbeddingConfig.Builder().nWords(1000).wordDim(10).nChars(50)
                .charDim(8).filters(6).maxChars(12).build();
        assertEquals(3, conf.getWidth());
        assertInstanceOf(ActivationTanH.class, conf.getActivationFn());
        assertEquals(13, conf.getNIn());
        assertEquals(16, conf.getNOut());

        MultiLayerNetwork net = WordCharTestSupport.init(new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(54)
                .weightInit(WeightInit.NORMAL)
                .activation(Activation.RELU)   // a network-wide default must not replace the layer's tanh
                .list().layer(conf).layer(RecurrentTestSupport.mseOut(16, 1, RNNFormat.NCW)).build()));
        Layer layer = net.getLayer(0);
        assertInstanceOf(ActivationTanH.class, ((WordCharEmbeddingLayer) layer).layerConf().getActivationFn());
        assertEquals(1000 * 10 + 50 * 8 + 3 * 8 * 6 + 6, layer.numParams());
        assertArrayEquals(new long[] {1000, 10},
                layer.getParam(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY).shape());
        assertArrayEquals(new long[] {50, 8}, layer.getParam(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY).shape());
        assertArrayEquals(new long[] {24, 6}, layer.getParam(WordCharEmbeddingParamInitializer.KERNEL_KEY).shape());
        assertArrayEquals(new long[] {1, 6}, layer.getParam(WordCharEmbeddingParamInitializer.BIAS_KEY).shape());
        assertEquals(java.util.List.of("W", "C", "K", "b"), java.util.List.copyOf(layer.paramTable().keySet()));

        assertEquals(0.0, layer.getParam(WordCharEmbeddingParamInitializer.BIAS_KEY).amaxNumber().doubleValue(), 0.0);
        // Tables use fan-in 1: NORMAL gives unit scale whatever the vocabulary size.
        double wordStd = layer.getParam(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY).stdNumber().doubleValue();
        assertEquals(1.0, wordStd, 0.1);
        // The kernel is a dense layer over a window: NORMAL gives 1 / sqrt(width * charDim).
        double kernelStd = layer.getParam(WordCharEmbeddingParamInitializer.KERNEL_KEY).stdNumber().doubleValue();
        assertEquals(1.0 / Math.sqrt(24), kernelStd, 0.05);

        // Parameter views share the network's flat parameter vector.
        layer.getParam(WordCharEmbeddingParamInitializer.BIAS_KEY).putScalar(0, 5, 77.0);
        assertEquals(77.0, net.params().maxNumber().doubleValue(), 0.0);
    }

    @Test
    void input_type_gives_recurrent_output_and_sets_the_next_layers_nin_without_preprocessor() {
        MultiLayerConfiguration conf = RecurrentTestSupport.gradientCheckBase(55).list()
                .layer(WordCharTestSupport.small(3).build())
                .layer(new GruLayerConfig.Builder().nOut(4).build())
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .setInputType(InputType.recurrent(1 + MAX_CHARS, 9))
                .build();
        assertNull(conf.getInputPreProcess(0));
        assertNull(conf.getInputPreProcess(1));
        assertEquals(7, ((FeedForwardLayer) conf.getConf(1).getLayer()).getNIn());
        InputType out = conf.getConf(0).getLayer().getOutputType(0, InputType.recurrent(1 + MAX_CHARS, 9));
        assertEquals(InputType.recurrent(7, 9, RNNFormat.NCW), out);
    }

    @Test
    void memory_report_is_available() {
        WordCharEmbeddingConfig conf = WordCharTestSupport.small(3).build();
        LayerMemoryReport report = conf.getMemoryReport(InputType.recurrent(1 + MAX_CHARS, 20));
        assertEquals(WordCharEmbeddingConfig.class, report.getReportClass());
        assertEquals(6 * 3 + 7 * 2 + 3 * 2 * 4 + 4, report.getParameterSize());
    }
}
