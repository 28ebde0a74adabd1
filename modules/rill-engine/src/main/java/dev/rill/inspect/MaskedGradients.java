package dev.rill.inspect;

import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of (the top of) a network that computes the raw gradients of one minibatch: with respect to
 * the parameters and to the network input, honouring both masks.
 *
 * <p>DL4J 1.0.0-M2.1's {@code MultiLayerNetwork.calculateGradients(features, labels, fMask, lMask)} runs
 * its forward pass with the features mask in the place of the label mask, so with a label mask on the
 * last step only (a Rill classifier's head) it scores every real step instead: the gradient it returns
 * grows with the distance from the last step rather than shrinking. This class does the same forward
 * and backward pass with the masks where they belong. Workspaces are off: a few minibatches are
 * measured, and without workspaces no array outlives its scope by surprise.
 */
final class MaskedGradients extends MultiLayerNetwork {

    private MaskedGradients(MultiLayerConfiguration conf) {
        super(conf);
    }

    /**
     * Layers {@code from ..} of {@code net} with their configuration and a copy of their parameters: with
     * {@code from = 1} the input is the embedding's output {@code [batch, width, time]}.
     */
    static MaskedGradients copyFrom(MultiLayerNetwork net, int from) {
        MultiLayerConfiguration full = net.getLayerWiseConfigurations();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        for (int i = from; i < full.getConfs().size(); i++) {
            confs.add(full.getConf(i).clone());
        }
        MultiLayerConfiguration top = new MultiLayerConfiguration.Builder()
                .confs(confs)
                .dataType(full.getDataType())
                .backpropType(BackpropType.Standard)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .build();
        long skipped = 0;
        for (int i = 0; i < from; i++) {
            skipped += net.getLayer(i).numParams();
        }
        MaskedGradients out = new MaskedGradients(top);
        out.init(net.params().get(NDArrayIndex.all(), NDArrayIndex.interval(skipped, net.numParams())).dup(), false);
        return out;
    }

    /**
     * Gradients of the loss of one minibatch.
     *
     * @param features  network input
     * @param labels    labels
     * @param fMask     features mask [batch, time], or null
     * @param labelMask label mask [batch, time], or null; the loss is on the steps where it is 1
     * @return parameter gradients (keys {@code LAYER_PARAM}) and the gradient with respect to {@code features}
     */
    Pair<Gradient, INDArray> gradients(INDArray features, INDArray labels, INDArray fMask, INDArray labelMask) {
        setInput(features);
        setLabels(labels);
        List<INDArray> activations = ffToLayerActivationsInWs(layers.length - 2, FwdPassType.STANDARD, false, features, fMask, labelMask);
        getOutputLayer().setInput(activations.get(activations.size() - 1), LayerWorkspaceMgr.noWorkspaces());
        return calcBackpropGradients(null, true, false, true);
    }
}
