package dev.rill.engine;

import dev.rill.config.ModelConfig;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.generate.MarkovModel;
import dev.rill.generate.NextTokenModel;
import dev.rill.generate.NgramModel;
import dev.rill.text.DataException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The language-model baselines ({@code model.type: markov | ngram}): counted from the training
 * stream in one pass instead of trained, then scored like a network on the same token streams
 * ({@link NextTokenModel#evaluate}: every token but the first predicted from all the text before
 * it), so their nats per token compare directly.
 *
 * <p>The bundle stores the training token ids, not the counts: the counts are a deterministic
 * function of them and are recounted on load (a fraction of a second for Tiny Shakespeare), which
 * keeps the bundle small and its format independent of the counting code.
 */
public final class CountModelAdapter implements TaskAdapter {

    private final ModelConfig config;
    private final LanguageModelData data;
    private NextTokenModel model;
    private LanguageModelMetrics lastDev;

    private CountModelAdapter(ModelConfig config, LanguageModelData data) {
        this.config = config;
        this.data = data;
    }

    public static CountModelAdapter prepare(RillConfig config, CorpusStore store) {
        return new CountModelAdapter(config.model(), LanguageModelData.prepare(config, store));
    }

    /**
     * Counts a model of {@code config}'s type from {@code stream}.
     *
     * @throws DataException when the order is too long to pack n-grams of this vocabulary into 64 bits
     */
    static NextTokenModel fit(ModelConfig config, int[] stream, int vocabularySize) {
        try {
            return switch (config.type()) {
                case MARKOV -> MarkovModel.fit(stream, vocabularySize, config.smoothing());
                case NGRAM -> config.smoothing() > 0
                        ? NgramModel.fit(stream, vocabularySize, config.order(), config.smoothing())
                        : NgramModel.fit(stream, vocabularySize, config.order());
                case RNN -> throw new IllegalArgumentException("model.type rnn is a network, not a count model");
            };
        } catch (IllegalArgumentException e) {
            throw new DataException("model.order " + config.order() + " with a vocabulary of " + vocabularySize + ": " + e.getMessage());
        }
    }

    static String describe(ModelConfig config) {
        return switch (config.type()) {
            case MARKOV -> String.format(Locale.ROOT, "first-order Markov chain, add-%s smoothing", config.smoothing());
            case NGRAM -> String.format(Locale.ROOT, "order-%d n-gram, interpolated Kneser-Ney (%s)", config.order(),
                    config.smoothing() > 0 ? "discount " + config.smoothing() : "discounts estimated per level");
            case RNN -> "network";
        };
    }

    /** No network: the model is counted. */
    @Override
    public MultiLayerNetwork network() {
        return null;
    }

    @Override
    public String describeModel() {
        return "model: " + describe(config);
    }

    /**
     * Counts the model (a checkpoint is never needed: counting is as fast as loading); one "epoch"
     * whose train loss is the model's nats per token on its own training text.
     */
    @Override
    public EpochTrainer.Result train(EpochTrainer trainer, Checkpoints.Checkpoint from) {
        long start = System.nanoTime();
        model = fit(config, data.train().ids(), data.vocabulary().size());
        double seconds = (System.nanoTime() - start) / 1e9;
        return trainer.fitted(this, model.evaluate(data.train().ids()).natsPerToken(), seconds);
    }

    /** The dev perplexity and a sample, for the run report. */
    @Override
    public Map<String, Object> epochFields() {
        return LanguageModelAdapter.epochFields(lastDev, data, model.stepper());
    }

    @Override
    public String describe() {
        return data.describe();
    }

    @Override
    public int trainExamples() {
        return 1;
    }

    @Override
    public Iterable<DataSet> trainBatches(Random rng) {
        return List.of();
    }

    @Override
    public long trainTokens() {
        return data.train().size();
    }

    @Override
    public boolean hasDev() {
        return data.selectionSplit() != null;
    }

    @Override
    public String devMetric() {
        return "log-likelihood (nats/token)";
    }

    @Override
    public double devScore() {
        lastDev = score(model, data.eval().get(data.selectionSplit()));
        return -lastDev.natsPerToken();
    }

    static LanguageModelMetrics score(NextTokenModel model, TokenStream stream) {
        return new LanguageModelMetrics(model.evaluate(stream.ids()), stream.unknown());
    }

    @Override
    public Map<String, TaskMetrics> evaluate() {
        Map<String, TaskMetrics> out = new LinkedHashMap<>();
        data.eval().forEach((split, stream) -> out.put(split, score(model, stream)));
        return out;
    }

    @Override
    public ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance) {
        return ModelBundle.counted(config, data.vocabulary(), data.train().ids(), metrics, provenance);
    }
}
