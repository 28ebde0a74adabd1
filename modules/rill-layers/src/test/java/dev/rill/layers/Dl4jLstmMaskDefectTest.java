package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Documents two defects of DL4J 1.0.0-M2.1's {@code LSTM} with masks that Rill's LSTM does not share (if a test here
 * fails after a DL4J upgrade, that defect is fixed):
 * <ul>
 *   <li>MultiLayerNetwork hands feature masks to its layers through {@code feedForwardMaskArray}, and DL4J's LSTM
 *       overrides that method without keeping the mask, so in a network it runs over padding as if it were input.
 *       Its masking code only runs when a wrapper such as {@code Bidirectional} sets the mask directly.</li>
 *   <li>When it does mask, its backward pass is wrong: the gradient does not match finite differences.</li>
 * </ul>
 * Rill's {@link LstmLayer} masks like the GRU (padded steps output 0 and a masked step restarts from a zero state)
 * and its masked gradients pass the same check.
 */
class Dl4jLstmMaskDefectTest {

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork net(Layer lstm) {
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(3).list()
                .layer(lstm)
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .build());
        net.init();
        return net;
    }

    @Test
    void dl4j_lstm_in_a_network_ignores_the_feature_mask_and_rill_lstm_applies_it() {
        MultiLayerNetwork dl4j = net(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build());
        MultiLayerNetwork rill = net(RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW));
        rill.setParams(dl4j.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 4).addi(0.5);   // [mb, nIn, T]
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 0, 0}});   // two real steps, two padded

        List<INDArray> dl4jActs = dl4j.feedForward(x, mask, mask);
        List<INDArray> rillActs = rill.feedForward(x, mask, mask);
        INDArray dl4jPadded = dl4jActs.get(1).get(point(0), all(), point(3));   // LSTM output at a padded step
        INDArray rillPadded = rillActs.get(1).get(point(0), all(), point(3));
        assertTrue(dl4jPadded.amaxNumber().doubleValue() > 1e-3,
                "DL4J's LSTM now masks inside a network: Rill's LSTM and DL4J's agree on masks there too");
        assertEquals(0.0, rillPadded.amaxNumber().doubleValue(), 0.0);
    }

    /** L = Σ output ⊙ eps of the layer alone, with the mask set on it directly. */
    private static double loss(org.deeplearning4j.nn.api.Layer layer, INDArray x, INDArray mask, INDArray eps) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        layer.setMaskArray(mask);
        return layer.activate(true, mgr).mul(eps).sumNumber().doubleValue();
    }

    /** Largest difference between the layer's backprop gradient of {@link #loss} and central differences. */
    private static double maxGradientError(MultiLayerNetwork net, INDArray x, INDArray mask, INDArray eps) {
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        loss(layer, x, mask, eps);
        INDArray analytic = layer.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().dup();
        INDArray params = layer.params();
        double worst = 0;
        for (long i = 0; i < params.length(); i++) {
            double orig = params.getDouble(i);
            params.putScalar(i, orig + 1e-6);
            double plus = loss(layer, x, mask, eps);
            params.putScalar(i, orig - 1e-6);
            double minus = loss(layer, x, mask, eps);
            params.putScalar(i, orig);
            worst = Math.max(worst, Math.abs((plus - minus) / 2e-6 - analytic.getDouble(i)));
        }
        return worst;
    }

    @Test
    void dl4j_lstm_masked_gradients_do_not_match_finite_differences_and_rill_s_do() {
        MultiLayerNetwork dl4j = net(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build());
        MultiLayerNetwork rill = net(RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW));
        Nd4j.getRandom().setSeed(4);
        dl4j.setParams(Nd4j.rand(DataType.DOUBLE, dl4j.params().shape()).subi(0.5));
        rill.setParams(dl4j.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 4, 4);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 0, 1}, {1, 1, 1, 0}});

        double dl4jError = maxGradientError(dl4j, x, mask, eps);
        double rillError = maxGradientError(rill, x, mask, eps);
        System.out.printf("masked LSTM layer gradient, max abs error vs central differences: DL4J %.3g, Rill %.3g%n",
                dl4jError, rillError);
        assertTrue(dl4jError > 1e-3, "DL4J's masked LSTM gradient now matches finite differences");
        assertTrue(rillError < 1e-8, "Rill's masked LSTM gradient is off by " + rillError);
    }
}
