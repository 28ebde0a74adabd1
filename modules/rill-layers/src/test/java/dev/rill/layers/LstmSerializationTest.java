package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUniform;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Configuration JSON, model files, builder defaults and parameter layout of the LSTM layer. */
class LstmSerializationTest {

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    /** A configuration that uses every LSTM option, also inside Bidirectional and next to a GRU. */
    private static MultiLayerConfiguration richConfiguration() {
        return RecurrentTestSupport.gradientCheckBase(31).updater(new Adam(1e-3)).list()
                .layer(new LstmLayerConfig.Builder().nIn(4).nOut(6).activation(Activation.SOFTSIGN)
                        .gateActivationFunction(Activation.HARDSIGMOID).forgetGateBiasInit(2.5)
                        .weightInit(WeightInit.XAVIER).weightInitRecurrent(new WeightInitUniform()).biasInit(0.25)
                        .dropOut(new Dropout(0.9)).dataFormat(RNNFormat.NCW).l2(1e-4).build())
                .layer(new Bidirectional(Bidirectional.Mode.ADD, new LstmLayerConfig.Builder().nIn(6).nOut(5).build()))
                .layer(new GruLayerConfig.Builder().nIn(5).nOut(4).build())
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build();
    }

    @Test
    void json_round_trip_of_configuration_gives_equal_configuration_and_identical_output() {
        MultiLayerConfiguration conf = richConfiguration();
        String json = conf.toJson();
        assertTrue(json.contains("dev.rill.layers.LstmLayerConfig"), "class name is the JSON type id");
        assertTrue(json.contains("forgetGateBiasInit"));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());

        LstmLayerConfig lstm = (LstmLayerConfig) back.getConf(0).getLayer();
        assertInstanceOf(ActivationSoftSign.class, lstm.getActivationFn());
        assertInstanceOf(ActivationHardSigmoid.class, lstm.getGateActivationFn());
        assertInstanceOf(WeightInitUniform.class, lstm.getWeightInitFnRecurrent());
        assertEquals(2.5, lstm.getForgetGateBiasInit());
        assertEquals(0.25, lstm.getBiasInit());
        assertEquals(0.9, ((Dropout) lstm.getIDropout()).getP());

        MultiLayerNetwork a = new MultiLayerNetwork(conf);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(back);
        b.init(a.params().dup(), false);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        assertEquals(0.0, a.output(x).sub(b.output(x)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void model_serializer_round_trip_gives_identical_output_and_training_state(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(richConfiguration());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);
        INDArray y = RecurrentTestSupport.oneHotLabels(3, 3, 5, 32);
        net.fit(new DataSet(x, y));   // non-trivial updater state

        File file = dir.resolve("lstm.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertInstanceOf(LstmLayer.class, restored.getLayer(0));
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, net.output(x).sub(restored.output(x)).amaxNumber().doubleValue(), 0.0);

        // Same updater state: one more identical training step keeps the two networks identical
        // (same RNG seed before each, for the dropout masks).
        Nd4j.getRandom().setSeed(35);
        net.fit(new DataSet(x, y));
        Nd4j.getRandom().setSeed(35);
        restored.fit(new DataSet(x, y));
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void builder_defaults_and_parameter_shapes_are_dl4j_s() {
        LstmLayerConfig conf = new LstmLayerConfig.Builder().nIn(3).nOut(4).build();
        assertInstanceOf(ActivationTanH.class, conf.getActivationFn());
        assertInstanceOf(ActivationSigmoid.class, conf.getGateActivationFn());
        assertEquals(1.0, conf.getForgetGateBiasInit());
        assertEquals(RNNFormat.NCW, conf.getRnnDataFormat());

        MultiLayerNetwork rill = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(33)
                .activation(Activation.RELU)   // a network-wide default must not replace the LSTM's tanh
                .list().layer(conf).layer(RecurrentTestSupport.mseOut(4, 1, RNNFormat.NCW)).build());
        rill.init();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(33).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(RecurrentTestSupport.mseOut(4, 1, RNNFormat.NCW)).build());
        dl4j.init();
        LstmLayer lstm = (LstmLayer) rill.getLayer(0);
        assertInstanceOf(ActivationTanH.class, lstm.layerConf().getActivationFn());
        assertEquals(dl4j.getLayer(0).numParams(), lstm.numParams());
        assertEquals(dl4j.getLayer(0).paramTable().keySet(), lstm.paramTable().keySet());
        for (String key : lstm.paramTable().keySet()) {
            assertArrayEquals(dl4j.getLayer(0).getParam(key).shape(), lstm.getParam(key).shape(), key);
        }
        // DL4J's parameter table loads as it is.
        lstm.setParamTable(dl4j.getLayer(0).paramTable());
        assertEquals(0.0, rill.params().sub(dl4j.params()).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void unsupported_activation_is_rejected_when_the_network_is_built() {
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(36).list()
                .layer(new LstmLayerConfig.Builder().nIn(3).nOut(4).activation(Activation.SWISH).build())
                .layer(RecurrentTestSupport.mseOut(4, 1, RNNFormat.NCW)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::init);
        assertTrue(e.getMessage().contains("sigmoid, tanh"), e.getMessage());
    }

    @Test
    void recurrent_and_input_weight_constraints_apply_to_their_own_parameters() {
        LstmLayerConfig conf = new LstmLayerConfig.Builder().nIn(3).nOut(4)
                .constrainRecurrent(new MaxNormConstraint(1.0, 0))
                .constrainInputWeights(new MaxNormConstraint(2.0, 0)).build();
        Set<Set<String>> targets = new HashSet<>();
        for (LayerConstraint c : conf.getConstraints()) {
            targets.add(c.getParams());
        }
        assertEquals(Set.of(Set.of(LstmParamInitializer.RECURRENT_WEIGHT_KEY), Set.of(LstmParamInitializer.WEIGHT_KEY)), targets);
    }

    @Test
    void memory_report_is_available_also_through_bidirectional() {
        LstmLayerConfig conf = new LstmLayerConfig.Builder().nIn(65).nOut(256).build();
        conf.setIUpdater(new Adam());
        LayerMemoryReport report = conf.getMemoryReport(InputType.recurrent(65, 100));
        assertEquals(LstmLayerConfig.class, report.getReportClass());
        assertEquals(4 * (65 * 256 + 256 * 256 + 256), report.getParameterSize());
        LayerMemoryReport bi = new Bidirectional(conf).getMemoryReport(InputType.recurrent(65, 100));
        assertEquals(2 * report.getParameterSize(), bi.getParameterSize());
    }
}
