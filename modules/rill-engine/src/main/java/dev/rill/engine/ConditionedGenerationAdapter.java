package dev.rill.engine;

import dev.rill.config.ConditionInput;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.generate.RecurrentStepper;
import dev.rill.generate.Sampler;
import dev.rill.generate.TextGenerator;
import dev.rill.text.LabelSet;
import dev.rill.text.LabeledText;
import dev.rill.text.LengthBuckets;
import dev.rill.text.RunningText;
import dev.rill.text.TextPipeline;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One-to-many: a text generated from one input, its class label, read from {@code label<TAB>text}
 * splits (e.g. SST-2: write a sentence with a given sentiment).
 *
 * <p>The network is the language model's ({@code TokenEmbeddingConfig -> recurrent layers ->
 * softmax per step}, a {@code MultiLayerNetwork}), trained on {@code <label:L> w_1 .. w_n -> w_1 ..
 * w_n <eos>} in length-bucketed, masked minibatches ({@link ConditionedBatch}). The label is the
 * one input: it is read as a condition token at the first step ({@link ConditionTokens}) and, with
 * {@code model.condition: every_step} (the default), also beside every later token, as a one-hot
 * appended to the token's embedding. That is DL4J's {@code DuplicateToTimeSeriesVertex} idiom (one
 * input copied to every step and merged with the sequence), built into the embedding layer rather
 * than as a {@code ComputationGraph} so that generators keep one network type with every other task,
 * train with truncated BPTT unchanged, and generate through the language model's {@code rnnTimeStep}
 * loop; {@code ConditionedTokenEmbeddingTest} shows it equals the graph. With {@code first_step} the
 * label reaches later steps only through the recurrent state, which may lose it over a long text; on
 * SST-2's short sentences the two measured the same (docs/benchmarks/conditioned.md).
 *
 * <p>The dev score is minus the nats per token of dev texts given their labels.
 */
public final class ConditionedGenerationAdapter implements TaskAdapter {

    private final MultiLayerNetwork network;
    private final ConditionTokens tokens;
    private final ClassificationData train;
    private final Map<String, ClassificationData> eval;
    private final int batchSize;
    private final RunningText text;
    private ConditionedMetrics lastDev;

    private ConditionedGenerationAdapter(MultiLayerNetwork network, ConditionTokens tokens, ClassificationData train,
                                         Map<String, ClassificationData> eval, int batchSize, RunningText text) {
        this.text = text;
        this.network = network;
        this.tokens = tokens;
        this.train = train;
        this.eval = eval;
        this.batchSize = batchSize;
    }

    /** Reads and encodes the splits, builds the vocabulary (words, {@code <eos>}, a condition token per label) from train, and the network. */
    public static ConditionedGenerationAdapter prepare(RillConfig config, CorpusStore store) {
        DataSplits<LabeledText> splits = DataSplits.labelled(config, store);
        DataSplits.Rows<LabeledText> trainSplit = splits.require("train");
        TextPipeline pipeline = TextPipeline.of(config.data());
        LabelSet labels = LabelSet.of(trainSplit.rows(), trainSplit.file());
        ConditionTokens tokens = ConditionTokens.build(pipeline.count(trainSplit.rows().stream().map(LabeledText::text).toList()),
                labels.labels(), config.data().vocabSize(), config.data().minFrequency());
        ClassificationData train = ClassificationData.encode(trainSplit.rows(), trainSplit.file(), pipeline, tokens.vocabulary(), labels);
        Map<String, ClassificationData> eval = new LinkedHashMap<>();
        for (String split : List.of("dev", "test")) {
            splits.split(split).ifPresent(r -> eval.put(split,
                    ClassificationData.encode(r.rows(), r.file(), pipeline, tokens.vocabulary(), labels)));
        }
        MultiLayerNetwork network = NetworkFactory.generator(config.model(), config.training(), tokens.vocabulary().size(),
                config.model().condition() == ConditionInput.EVERY_STEP ? labels.labels().size() : 0);
        return new ConditionedGenerationAdapter(network, tokens, train, eval, config.training().batchSize(), RunningText.of(config.data()));
    }

    @Override
    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public String describe() {
        StringBuilder sizes = new StringBuilder();
        eval.forEach((k, v) -> sizes.append(", ").append(k).append(' ').append(v.size()));
        return String.format(Locale.ROOT, "%d train texts (%d tokens), vocabulary %d with <eos> and condition tokens for labels %s%s",
                train.size(), train.tokens(), tokens.vocabulary().size(), tokens.labels(), sizes);
    }

    @Override
    public int trainExamples() {
        return train.size();
    }

    /** Whether the network reads the label beside every token, not only as the first token. */
    private boolean everyStep() {
        return RecurrentStepper.conditions(network) > 0;
    }

    @Override
    public Iterable<DataSet> trainBatches(Random rng) {
        List<int[]> batches = LengthBuckets.shuffled(train.lengths(), batchSize, rng);
        return () -> batches.stream().map(rows -> ConditionedBatch.dataSet(train.examples(), rows, tokens, everyStep())).iterator();
    }

    /** Nats per predicted token: DL4J's score sums a row's masked steps and averages over rows. */
    @Override
    public double trainLoss(double networkScore, DataSet batch) {
        double steps = batch.getLabelsMaskArray().sumNumber().doubleValue();
        return networkScore * batch.getFeatures().size(0) / Math.max(1, steps);
    }

    @Override
    public long trainTokens() {
        return train.tokens() + train.size();
    }

    @Override
    public boolean hasDev() {
        return eval.containsKey("dev");
    }

    @Override
    public String devMetric() {
        return "log-likelihood (nats/token)";
    }

    @Override
    public double devScore() {
        lastDev = ConditionedMetrics.score(network, eval.get("dev").examples(), tokens, batchSize);
        return -lastDev.natsPerToken();
    }

    /** The dev perplexity given the labels and one text per label (temperature 0.8, seed 1), for the run report. */
    @Override
    public Map<String, Object> epochFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (lastDev != null) {
            fields.put("dev_perplexity", lastDev.conditioned().perplexity());
        }
        Sampler sampler = new Sampler(0.8, 0, 1.0, Set.copyOf(tokens.banned()));
        List<String> samples = new ArrayList<>();
        for (int label = 0; label < tokens.labels().size(); label++) {
            int[] ids = TextGenerator.generate(new RecurrentStepper(network.clone(), everyStep() ? label : -1), new int[] {tokens.condition(label)},
                    new TextGenerator.Settings(LanguageModelAdapter.SAMPLE_TOKENS, sampler, 1, Set.of(tokens.eos())), id -> { });
            List<String> words = new ArrayList<>();
            for (int id : ids) {
                if (id != tokens.eos()) {
                    words.add(tokens.vocabulary().token(id));
                }
            }
            samples.add(tokens.labels().get(label) + ": " + text.join(words));
        }
        fields.put("samples", samples);
        return fields;
    }

    @Override
    public Map<String, TaskMetrics> evaluate() {
        Map<String, TaskMetrics> out = new LinkedHashMap<>();
        eval.forEach((split, data) -> out.put(split, ConditionedMetrics.score(network, data.examples(), tokens, batchSize)));
        return out;
    }

    @Override
    public ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance) {
        return new ModelBundle(config, tokens.vocabulary(), tokens.labels(), network, metrics, provenance);
    }
}
