package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitXavier;
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

/** Configuration JSON, model files, builder defaults and parameter layout of the GRU layer. */
class GruSerializationTest {

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    /** A configuration that uses every GRU option, also inside Bidirectional and next to LSTM. */
    private static MultiLayerConfiguration richConfiguration() {
        return RecurrentTestSupport.gradientCheckBase(31).updater(new Adam(1e-3)).list()
                .layer(new GruLayerConfig.Builder().nIn(4).nOut(6).activation(Activation.SOFTSIGN)
                        .gateActivationFunction(Activation.HARDSIGMOID).weightInit(WeightInit.XAVIER)
                        .weightInitRecurrent(new WeightInitIdentity()).biasInit(0.25).dropOut(new Dropout(0.9))
                        .dataFormat(RNNFormat.NCW).l2(1e-4).build())
                .layer(new Bidirectional(Bidirectional.Mode.ADD, new GruLayerConfig.Builder().nIn(6).nOut(5).build()))
                .layer(new LSTM.Builder().nIn(5).nOut(4).activation(Activation.TANH).build())
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build();
    }

    @Test
    void json_round_trip_of_configuration_gives_equal_configuration_and_identical_output() {
        MultiLayerConfiguration conf = richConfiguration();
        String json = conf.toJson();
        assertTrue(json.contains("dev.rill.layers.GruLayerConfig"), "class name is the JSON type id");
        assertTrue(json.contains("gateActivationFn"));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());

        GruLayerConfig gru = (GruLayerConfig) back.getConf(0).getLayer();
        assertInstanceOf(ActivationSoftSign.class, gru.getActivationFn());
        assertInstanceOf(ActivationHardSigmoid.class, gru.getGateActivationFn());
        assertInstanceOf(WeightInitIdentity.class, gru.getWeightInitFnRecurrent());
        assertEquals(0.25, gru.getBiasInit());
        assertEquals(0.9, ((Dropout) gru.getIDropout()).getP());

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

        File file = dir.resolve("gru.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertInstanceOf(GruLayer.class, restored.getLayer(0));
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
    void builder_defaults_are_tanh_candidate_sigmoid_gates_and_zero_biases() {
        GruLayerConfig conf = new GruLayerConfig.Builder().nIn(3).nOut(4).build();
        assertInstanceOf(ActivationTanH.class, conf.getActivationFn());
        assertInstanceOf(ActivationSigmoid.class, conf.getGateActivationFn());
        assertEquals(RNNFormat.NCW, conf.getRnnDataFormat());

        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(33)
                .activation(Activation.RELU)   // a network-wide default must not replace the GRU's tanh
                .list().layer(conf).layer(RecurrentTestSupport.mseOut(4, 1, RNNFormat.NCW)).build());
        net.init();
        GruLayer gru = (GruLayer) net.getLayer(0);
        assertInstanceOf(ActivationTanH.class, gru.layerConf().getActivationFn());
        assertInstanceOf(WeightInitXavier.class, gru.layerConf().getWeightInitFn());
        assertEquals(3 * (3 * 4 + 4 * 4 + 2 * 4), gru.numParams());
        assertEquals(0.0, gru.getParam(GruParamInitializer.BIAS_KEY).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, gru.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).amaxNumber().doubleValue(), 0.0);
        assertTrue(gru.getParam(GruParamInitializer.WEIGHT_KEY).amaxNumber().doubleValue() > 0);
        assertArrayEquals(new long[] {3, 12}, gru.getParam(GruParamInitializer.WEIGHT_KEY).shape());
        assertArrayEquals(new long[] {4, 12}, gru.getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY).shape());
        assertArrayEquals(new long[] {1, 12}, gru.getParam(GruParamInitializer.BIAS_KEY).shape());
        assertArrayEquals(new long[] {1, 12}, gru.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).shape());

        // Recurrent weights are initialised per gate block, so IDENTITY gives U = [I | I | I].
        MultiLayerNetwork identity = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(34).list()
                .layer(new GruLayerConfig.Builder().nIn(3).nOut(4).weightInitRecurrent(WeightInit.IDENTITY).build())
                .layer(RecurrentTestSupport.mseOut(4, 1, RNNFormat.NCW)).build());
        identity.init();
        INDArray u = identity.getLayer(0).getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY);   // [H, 3H]
        INDArray eye = Nd4j.eye(4).castTo(DataType.DOUBLE);
        INDArray expectedU = Nd4j.hstack(eye, eye, eye);
        assertEquals(0.0, u.sub(expectedU).amaxNumber().doubleValue(), 0.0);

        // Parameter views share the network's flat parameter vector.
        gru.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).putScalar(0, 0, 7.0);
        assertEquals(7.0, net.params().maxNumber().doubleValue(), 0.0);
    }

    @Test
    void recurrent_and_input_weight_constraints_apply_to_their_own_parameters() {
        GruLayerConfig conf = new GruLayerConfig.Builder().nIn(3).nOut(4)
                .constrainRecurrent(new MaxNormConstraint(1.0, 0))
                .constrainInputWeights(new MaxNormConstraint(2.0, 0)).build();
        java.util.Set<java.util.Set<String>> targets = new java.util.HashSet<>();
        for (LayerConstraint c : conf.getConstraints()) {
            targets.add(c.getParams());
        }
        assertEquals(java.util.Set.of(java.util.Set.of(GruParamInitializer.RECURRENT_WEIGHT_KEY),
                java.util.Set.of(GruParamInitializer.WEIGHT_KEY)), targets);
    }

    @Test
    void memory_report_is_available_also_through_bidirectional() {
        GruLayerConfig conf = new GruLayerConfig.Builder().nIn(65).nOut(256).build();
        conf.setIUpdater(new Adam());
        LayerMemoryReport report = conf.getMemoryReport(InputType.recurrent(65, 100));
        assertEquals(GruLayerConfig.class, report.getReportClass());
        assertEquals(3 * (65 * 256 + 256 * 256 + 2 * 256), report.getParameterSize());
        LayerMemoryReport bi = new Bidirectional(conf).getMemoryReport(InputType.recurrent(65, 100));
        assertEquals(2 * report.getParameterSize(), bi.getParameterSize());
    }
}
