package dev.rill.engine;

import dev.rill.config.DataConfig;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    public record Outcome(Path bundle, Map<String, TaskMetrics> metrics, EpochTrainer.Result result) {
    }

    /** Runs training and writes {@code outDir/model.rill} and {@code outDir/metrics.json}. */
    public Outcome run(RillConfig config, Path outDir) throws IOException {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        long t0 = System.nanoTime();
        TaskAdapter task = switch (config.task()) {
            case CLASSIFICATION -> ClassificationAdapter.prepare(config, store);
            case TAGGING -> TaggingAdapter.prepare(config, store);
            case LANGUAGE_MODEL -> config.model().type().counted()
                    ? CountModelAdapter.prepare(config, store) : LanguageModelAdapter.prepare(config, store);
            case CONDITIONED_GENERATION -> ConditionedGenerationAdapter.prepare(config, store);
        };
        log.printf(Locale.ROOT, "data: %s; prepared in %.1f s%n", task.describe(), (System.nanoTime() - t0) / 1e9);
        log.printf(Locale.ROOT, "%s%n", task.describeModel());

        EpochTrainer.Result result = task.train(new EpochTrainer(config.training(), progress));
        for (EpochTrainer.Epoch e : result.epochs()) {
            log.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s %.4f, %.1f s (%.0f tokens/s)%n",
                    e.epoch(), e.trainLoss(), task.devMetric(), e.devScore(), e.seconds(), e.tokens() / e.seconds());
        }
        log.printf(Locale.ROOT, "selected epoch %d%n", result.bestEpoch());

        Map<String, TaskMetrics> metrics = task.evaluate();
        metrics.forEach((split, m) -> log.printf(Locale.ROOT, "%s: %s", split, m.format()));

        Map<String, Object> metricsJson = metricsJson(metrics, result);
        Path bundle = outDir.resolve(BUNDLE);
        task.bundle(withAbsoluteDataDir(config), metricsJson, Provenance.collect(config)).write(bundle);
        AtomicFiles.write(outDir.resolve("metrics.json"), out -> out.write(Json.pretty(metricsJson)));
        return new Outcome(bundle, metrics, result);
    }

    private static Map<String, Object> metricsJson(Map<String, TaskMetrics> metrics, EpochTrainer.Result result) {
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
