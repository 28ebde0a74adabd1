package dev.rill.engine;

import dev.rill.config.DataConfig;
import dev.rill.config.DataFormat;
import dev.rill.config.RillConfig;
import dev.rill.config.TaskType;
import dev.rill.corpus.CorpusStore;
import dev.rill.io.AtomicFiles;
import dev.rill.text.DataException;
import dev.rill.text.LabelSet;
import dev.rill.text.LabeledText;
import dev.rill.text.TextPipeline;
import dev.rill.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole training run from a config: read the splits, build the vocabulary from train, train
 * with model selection on dev, score dev and test, and write the bundle and metrics.
 */
public final class TrainingRun {

    /** File name of the bundle inside the run folder. */
    public static final String BUNDLE = "model.rill";

    private final CorpusStore store;
    private final PrintStream log;
    private final Progress progress;

    /**
     * @param store    where corpora are fetched
     * @param log      human-readable progress and results (stderr in the CLI)
     * @param progress per-minibatch progress display
     */
    public TrainingRun(CorpusStore store, PrintStream log, Progress progress) {
        this.store = store;
        this.log = log;
        this.progress = progress;
    }

    /**
     * What a run produced.
     *
     * @param bundle  the bundle file
     * @param metrics metrics by split ({@code dev}, {@code test})
     * @param result  per-epoch training figures
     */
    public record Outcome(Path bundle, Map<String, ClassificationMetrics> metrics, ClassifierTrainer.Result result) {
    }

    /** Runs training and writes {@code outDir/model.rill} and {@code outDir/metrics.json}. */
    public Outcome run(RillConfig config, Path outDir) throws IOException {
        if (config.task() != TaskType.CLASSIFICATION) {
            throw new DataException("task '" + config.task().yamlName() + "' is not available yet; this version trains task: classification");
        }
        DataConfig data = config.data();
        if (data.format() != DataFormat.LABEL_TEXT_TSV) {
            throw new DataException("task classification reads data.format: label_text_tsv (label<TAB>text lines), not "
                    + data.format().yamlName() + "; set data.format: label_text_tsv");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ClassificationSplits splits = new ClassificationSplits(config, store);
        ClassificationSplits.Rows trainSplit = splits.require("train");
        Path trainFile = trainSplit.file();
        List<LabeledText> trainRows = trainSplit.rows();
        TextPipeline pipeline = TextPipeline.of(data);
        long t0 = System.nanoTime();
        Vocabulary vocab = Vocabulary.build(pipeline.count(trainRows.stream().map(LabeledText::text).toList()),
                data.vocabSize(), data.minFrequency());
        LabelSet labels = LabelSet.of(trainRows, trainFile);
        ClassificationData train = ClassificationData.encode(trainRows, trainFile, pipeline, vocab, labels);
        Map<String, ClassificationData> eval = new LinkedHashMap<>();
        for (String split : List.of("dev", "test")) {
            splits.split(split).ifPresent(r ->
                    eval.put(split, ClassificationData.encode(r.rows(), r.file(), pipeline, vocab, labels)));
        }
        log.printf(Locale.ROOT, "data: %d train examples (%d tokens), vocabulary %d, labels %s, %s; prepared in %.1f s%n",
                train.size(), train.tokens(), vocab.size(), labels.labels(), splitSizes(eval), (System.nanoTime() - t0) / 1e9);

        Classifier classifier = new Classifier(
                NetworkFactory.classifier(config.model(), config.training(), vocab.size(), labels.size()),
                config.model().pooling());
        log.printf(Locale.ROOT, "network: %d parameters%n", classifier.network().numParams());
        ClassifierTrainer.Result result = new ClassifierTrainer(config.training(), labels.labels(), progress)
                .train(classifier, train, eval.get("dev"));
        for (ClassifierTrainer.Epoch e : result.epochs()) {
            log.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev accuracy %.4f, %.1f s (%.0f ex/s)%n",
                    e.epoch(), e.trainLoss(), e.devAccuracy(), e.seconds(), e.examples() / e.seconds());
        }
        log.printf(Locale.ROOT, "selected epoch %d%n", result.bestEpoch());

        Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
        eval.forEach((split, d) -> metrics.put(split, ClassifierEvaluator.evaluate(classifier, d, labels.labels(), config.training().batchSize())));
        metrics.forEach((split, m) -> log.printf(Locale.ROOT, "%s: %s", split, m.format()));

        Map<String, Object> metricsJson = metricsJson(metrics, result);
        Path bundle = outDir.resolve(BUNDLE);
        new ModelBundle(withAbsoluteDataDir(config), vocab, labels.labels(), classifier.network(), metricsJson,
                Provenance.collect(config)).write(bundle);
        AtomicFiles.write(outDir.resolve("metrics.json"), out -> out.write(Json.pretty(metricsJson)));
        return new Outcome(bundle, metrics, result);
    }

    private static String splitSizes(Map<String, ClassificationData> eval) {
        StringBuilder b = new StringBuilder();
        eval.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v.size()));
        return b.length() == 0 ? "no dev/test splits" : b.toString();
    }

    private static Map<String, Object> metricsJson(Map<String, ClassificationMetrics> metrics, ClassifierTrainer.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((split, v) -> m.put(split, v.toMap()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("best_epoch", result.bestEpoch());
        training.put("seconds", result.trainSeconds());
        training.put("examples_per_s", result.examples() / Math.max(1e-9, result.trainSeconds()));
        training.put("tokens_per_s", result.tokens() / Math.max(1e-9, result.trainSeconds()));
        training.put("epochs", result.epochs());
        m.put("training", training);
        return m;
    }

    /** The bundle must find its data wherever it is moved to: a relative data.dir becomes absolute. */
    private static RillConfig withAbsoluteDataDir(RillConfig c) {
        DataConfig d = c.data();
        if (d.dir() == null) {
            return c;
        }
        String abs = c.baseDir().resolve(d.dir()).normalize().toString();
        return new RillConfig(c.task(), d.withDir(abs), c.model(), c.training(), c.output(), null);
    }
}
