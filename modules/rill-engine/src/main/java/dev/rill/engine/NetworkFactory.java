package dev.rill.engine;

import dev.rill.config.CharCnnConfig;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.Pooling;
import dev.rill.config.TrainingConfig;
import dev.rill.layers.GruLayerConfig;
import dev.rill.layers.LstmLayerConfig;
import dev.rill.layers.TokenEmbeddingConfig;
import dev.rill.layers.WordCharEmbeddingConfig;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns the model and training sections of a config into a DL4J network. This is the only class
 * that knows which DL4J layer stands for which config entry.
 *
 * <p>Classifier layout: {@code TokenEmbeddingConfig [batch, emb, time] -> recurrent layers
 * [batch, units, time] -> head}. The head for {@code pooling: last} is an {@link RnnOutputLayer}
 * at every step whose label mask selects each sequence's last real step: DL4J refuses
 * {@code LastTimeStep} and global pooling with truncated BPTT, and this layout trains the same with
 * and without it. {@code mean}/{@code max} pool over real steps ({@link GlobalPoolingLayer} is
 * mask-aware) into an {@link OutputLayer}, which needs the whole sequence.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /**
     * A sequence classifier.
     *
     * @param vocabularySize embedding rows (token ids are in [0, vocabularySize))
     * @param classes        output classes
     */
    public static MultiLayerNetwork classifier(ModelConfig model, TrainingConfig training, int vocabularySize, int classes) {
        NeuralNetConfiguration.ListBuilder list = base(model, training).list();
        list.layer(0, new TokenEmbeddingConfig(vocabularySize, model.embedding()));
        int index = recurrentStack(list, 1, model);
        int width = model.layers().get(model.layers().size() - 1).outputSize();
        if (model.pooling() == Pooling.LAST) {
            list.layer(index, perStepSoftmax(model, width, classes));
        } else {
            list.layer(index++, new GlobalPoolingLayer.Builder(model.pooling() == Pooling.MEAN ? PoolingType.AVG : PoolingType.MAX).build());
            list.layer(index, withDropout(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT), model.outputDropout())
                    .nIn(width).nOut(classes).activation(Activation.SOFTMAX).build());
        }
        return build(list, training);
    }

    /**
     * A sequence tagger: {@code inputs [batch, channels, time] -> word features [batch, width, time]
     * -> recurrent layers -> softmax over tags at every step}. Padding steps are masked out of the
     * loss by the label mask (see {@link TaggingBatch}).
     *
     * <p>Word features are an embedding of the word id ({@link TokenEmbeddingConfig}), or with
     * {@code model.char_cnn} Rill's {@link WordCharEmbeddingConfig}: the embedding concatenated with a
     * max-pooled character CNN over the word's characters, read from the same input (channel 0 the
     * word id, channels 1.. its character ids), so the network stays a {@code MultiLayerNetwork} and
     * truncated BPTT and masks work unchanged.
     *
     * @param features the word (and character) vocabularies
     * @param tags     tag set size
     */
    public static MultiLayerNetwork tagger(ModelConfig model, TrainingConfig training, WordFeatures features, int tags) {
        NeuralNetConfiguration.ListBuilder list = base(model, training).list();
        CharCnnConfig chars = model.charCnn();
        if (chars == null) {
            list.layer(0, new TokenEmbeddingConfig(features.words().size(), model.embedding()));
        } else {
            list.layer(0, new WordCharEmbeddingConfig.Builder()
                    .nWords(features.words().size()).wordDim(model.embedding())
                    .nChars(features.chars().size()).charDim(chars.embedding())
                    .filters(chars.filters()).width(chars.width()).maxChars(chars.maxChars())
                    .build());
        }
        int index = recurrentStack(list, 1, model);
        int width = model.layers().get(model.layers().size() - 1).outputSize();
        list.layer(index, perStepSoftmax(model, width, tags));
        return build(list, training);
    }

    /** Adds the configured recurrent layers from {@code index} on; returns the next free index. */
    private static int recurrentStack(NeuralNetConfiguration.ListBuilder list, int index, ModelConfig model) {
        return recurrentStack(list, index, model, model.inputWidth());
    }

    /** As above, the first layer reading {@code width} features per step. */
    private static int recurrentStack(NeuralNetConfiguration.ListBuilder list, int index, ModelConfig model, int width) {
        for (LayerConfig layer : model.layers()) {
            list.layer(index++, recurrent(layer, width));
            width = layer.outputSize();
        }
        return index;
    }

    private static Layer perStepSoftmax(ModelConfig model, int width, int classes) {
        return withDropout(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT), model.outputDropout())
                .nIn(width).nOut(classes).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build();
    }

    private static MultiLayerNetwork build(NeuralNetConfiguration.ListBuilder list, TrainingConfig training) {
        if (training.truncatedBptt()) {
            list.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(training.tbptt())
                    .tBPTTBackwardLength(training.tbptt());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * A language model: {@code token ids [batch, 1, time] -> TokenEmbeddingConfig [batch, emb, time] -> recurrent
     * layers -> softmax over the vocabulary at every step} (the next token). With truncated BPTT each
     * minibatch row is cut into segments that carry the state (see
     * {@link dev.rill.config.TrainingConfig}); {@code rnnTimeStep} reads a text token by token for
     * generation.
     *
     * @param vocabularySize embedding rows and softmax outputs
     */
    public static MultiLayerNetwork languageModel(ModelConfig model, TrainingConfig training, int vocabularySize) {
        return generator(model, training, vocabularySize, 0);
    }

    /**
     * A one-to-many generator that reads its condition at every step: the language model's network with input
     * {@code [batch, 2, time]} (token id, condition index) and an embedding that appends the condition's one-hot to
     * every token's vector ({@link TokenEmbeddingConfig} with conditions), so the first recurrent layer reads
     * {@code embedding + conditions} features per step. With {@code conditions} 0 it is {@link #languageModel}.
     */
    public static MultiLayerNetwork generator(ModelConfig model, TrainingConfig training, int vocabularySize, int conditions) {
        NeuralNetConfiguration.ListBuilder list = base(model, training).list();
        list.layer(0, new TokenEmbeddingConfig(vocabularySize, model.embedding(), conditions));
        int index = recurrentStack(list, 1, model, model.embedding() + conditions);
        int width = model.layers().get(model.layers().size() - 1).outputSize();
        list.layer(index, perStepSoftmax(model, width, vocabularySize));
        return build(list, training);
    }

    private static NeuralNetConfiguration.Builder base(ModelConfig model, TrainingConfig training) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .dataType(DataType.FLOAT)
                .weightInit(weightInit(model))
                .updater(LearningRates.updater(training));
        if (training.optimizer().weightDecay() > 0) {
            b.l2(training.optimizer().weightDecay());
        }
        if (training.gradientClip() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(training.gradientClip());
        }
        return b;
    }

    static Layer recurrent(LayerConfig layer, int nIn) {
        BaseRecurrentLayer.Builder<?> builder = switch (layer.cell()) {
            case LSTM -> new LstmLayerConfig.Builder();
            case GRU -> new GruLayerConfig.Builder();
            case RNN -> new SimpleRnn.Builder().activation(Activation.TANH);
        };
        builder.nIn(nIn).nOut(layer.units()).dataFormat(RNNFormat.NCW);
        if (layer.dropout() > 0) {
            // DL4J's dropOut takes the probability of KEEPING an activation.
            builder.dropOut(1.0 - layer.dropout());
        }
        Layer built = builder.build();
        return layer.bidirectional() ? new Bidirectional(Bidirectional.Mode.CONCAT, built) : built;
    }

    private static <B extends org.deeplearning4j.nn.conf.layers.BaseOutputLayer.Builder<B>> B withDropout(B builder, double p) {
        if (p > 0) {
            builder.dropOut(1.0 - p);
        }
        return builder;
    }

    private static WeightInit weightInit(ModelConfig model) {
        return switch (model.weightInit()) {
            case XAVIER -> WeightInit.XAVIER;
            case RELU -> WeightInit.RELU;
            case UNIFORM -> WeightInit.UNIFORM;
            case NORMAL -> WeightInit.NORMAL;
        };
    }

    static IUpdater updater(OptimizerConfig o) {
        return switch (o.type()) {
            case ADAM -> new Adam(o.learningRate());
            case SGD -> new Sgd(o.learningRate());
            case NESTEROVS -> new Nesterovs(o.learningRate(), o.momentum());
            case RMSPROP -> new RmsProp(o.learningRate());
        };
    }
}
