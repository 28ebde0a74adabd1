package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.config.TrainingConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.generate.StreamBatches;
import dev.rill.generate.StreamDataSets;
import dev.rill.generate.RecurrentStepper;
import dev.rill.generate.Sampler;
import dev.rill.generate.StreamScorer;
import dev.rill.generate.TextGenerator;
import dev.rill.generate.TokenStepper;
import dev.rill.text.DataException;
import dev.rill.text.RunningText;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Many-to-many, shifted: a recurrent network predicting the next token of a text at every step.
 *
 * <p>Training: the train split is one token stream, cut by {@link StreamBatches} into
 * {@code batch_size} rows; each minibatch is the next {@code sequence_length} steps of every row
 * ({@link StreamDataSets}: ids {@code [B, 1, S]}, one-hot next tokens {@code [B, V, S]}). The cut
 * points move by an offset drawn from the trainer's seeded generator every epoch. DL4J resets the recurrent state at each
 * {@code fit} call, so a minibatch row is a window that starts from a zero state; with
 * {@code tbptt: T} DL4J cuts it into {@code S / T} segments and carries the state across them
 * (only Rill's GRU backpropagates such segments correctly, see {@code ConflictCheck}); with
 * {@code tbptt: 0} (LSTM, vanilla RNN) the window is one full-BPTT sequence.
 *
 * <p>Scoring: {@link StreamScorer} over each held-out split with {@code batch_size} rows and a
 * warm-up of {@code sequence_length} tokens, so every token is predicted from at least as much
 * text as a training window holds (or all the text before it). The dev score is minus the nats per
 * token of the selection split ({@link LanguageModelData#selectionSplit()}).
 */
public final class LanguageModelAdapter implements TaskAdapter {

    private final MultiLayerNetwork network;
    private final LanguageModelData data;
    private final TrainingConfig training;
    /** The cut of the epoch trained last (for its token count). */
    private StreamBatches lastCut;
    private LanguageModelMetrics lastDev;

    private LanguageModelAdapter(MultiLayerNetwork network, LanguageModelData data, TrainingConfig training) {
        this.network = network;
        this.data = data;
        this.training = training;
    }

    /** Reads and encodes the splits, builds the vocabulary from train, and the network. */
    public static LanguageModelAdapter prepare(RillConfig config, CorpusStore store) {
        LanguageModelData data = LanguageModelData.prepare(config, store);
        int rows = config.training().batchSize();
        if (data.train().size() < rows + 1) {
            throw new DataException(data.train().file(), 0, "the train split has " + data.train().size()
                    + " tokens, too few for training.batch_size " + rows + " parallel rows; lower training.batch_size");
        }
        MultiLayerNetwork network = NetworkFactory.languageModel(config.model(), config.training(), data.vocabulary().size());
        return new LanguageModelAdapter(network, data, config.training());
    }

    /** Scores a stream the way training scores its held-out splits (also used for bundles). */
    static LanguageModelMetrics score(MultiLayerNetwork network, TokenStream stream, TrainingConfig training) {
        return new LanguageModelMetrics(StreamScorer.score(network, stream.ids(), training.batchSize(), training.sequenceLength()),
                stream.unknown());
    }

    @Override
    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public String describe() {
        StreamBatches first = cut(0);
        return String.format(Locale.ROOT, "%s; %d rows x %d steps per minibatch, %d minibatches per epoch",
                data.describe(), first.batchSize(), first.segmentLength(), first.batchCount());
    }

    private StreamBatches cut(int offset) {
        return StreamBatches.at(data.train().ids(), training.batchSize(), training.sequenceLength(), offset);
    }

    @Override
    public int trainExamples() {
        StreamBatches b = lastCut != null ? lastCut : cut(0);
        return b.batchSize() * b.batchCount();
    }

    /**
     * The stream cut at a random offset below {@code sequence_length} (drawn from {@code rng}, so a
     * resumed run cuts an interrupted epoch as it was cut), so window boundaries move from epoch to epoch.
     */
    @Override
    public Iterable<DataSet> trainBatches(Random rng) {
        int maxOffset = Math.max(0, Math.min(training.sequenceLength() - 1, data.train().size() - 1 - training.batchSize()));
        StreamBatches batches = cut(rng.nextInt(maxOffset + 1));
        lastCut = batches;
        int vocabularySize = data.vocabulary().size();
        return () -> StreamSupport.stream(batches.spliterator(), false)
                .map(b -> StreamDataSets.withIds(b, vocabularySize)).iterator();
    }

    /**
     * Nats per token. DL4J's score of a per-step softmax sums the loss over the steps of the last
     * segment fitted (the whole window without tbptt) and averages it over the rows.
     */
    @Override
    public double trainLoss(double networkScore, DataSet batch) {
        return networkScore / lastSegment(batch.getFeatures().size(2), training.tbptt());
    }

    /** Steps in the last segment DL4J fits of a minibatch of {@code steps} steps: all of them without tbptt. */
    static long lastSegment(long steps, int tbptt) {
        return tbptt > 0 ? steps - (steps - 1) / tbptt * tbptt : steps;
    }

    @Override
    public long trainTokens() {
        StreamBatches b = lastCut != null ? lastCut : cut(0);
        return (long) b.batchSize() * b.rowLength();
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
        lastDev = score(network, data.eval().get(data.selectionSplit()), training);
        return -lastDev.natsPerToken();
    }

    /** The dev perplexity and a sample from a copy of the network, for the run report. */
    @Override
    public Map<String, Object> epochFields() {
        return epochFields(lastDev, data, new RecurrentStepper(network.clone()));
    }

    /** Tokens in the sample written after each epoch. */
    static final int SAMPLE_TOKENS = 200;

    /**
     * {@code dev_perplexity} (when dev was scored) and {@code samples}: one text of {@value #SAMPLE_TOKENS}
     * tokens from the start of a line, temperature 0.8, seed 1, so epochs can be compared by eye.
     */
    static Map<String, Object> epochFields(LanguageModelMetrics dev, LanguageModelData data, TokenStepper stepper) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (dev != null) {
            fields.put("dev_perplexity", dev.crossEntropy().perplexity());
        }
        Vocabulary v = data.vocabulary();
        int start = v.contains(RunningText.LINE_BREAK) ? v.id(RunningText.LINE_BREAK) : Math.min(2, v.size() - 1);
        Sampler sampler = new Sampler(0.8, 0, 1.0, Set.of(Vocabulary.PAD_ID, Vocabulary.UNK_ID));
        int[] ids = TextGenerator.generate(stepper, new int[] {start}, new TextGenerator.Settings(SAMPLE_TOKENS, sampler, 1, Set.of()), id -> { });
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            tokens.add(v.token(id));
        }
        fields.put("samples", List.of(data.text().join(tokens)));
        return fields;
    }

    @Override
    public Map<String, TaskMetrics> evaluate() {
        Map<String, TaskMetrics> out = new LinkedHashMap<>();
        data.eval().forEach((split, stream) -> out.put(split, score(network, stream, training)));
        return out;
    }

    @Override
    public ModelBundle bundle(RillConfig config, Map<String, Object> metrics, Map<String, Object> provenance) {
        return new ModelBundle(config, data.vocabulary(), List.of(), network, metrics, provenance);
    }
}
