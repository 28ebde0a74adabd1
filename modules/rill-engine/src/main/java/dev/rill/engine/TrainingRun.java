package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.io.AtomicFiles;
import dev.rill.report.RunReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A whole training run from a config, in a {@link RunDirectory}: read the splits, build the
 * vocabulary from train, train with model selection on dev (checkpointing as it goes), score dev
 * and test, and write the bundle and metrics. A run interrupted at any point can be
 * {@linkplain #resume resumed} from its latest checkpoint and ends as the uninterrupted run would.
 */
public final class TrainingRun {

    /** File name of the bundle inside the run folder. */
    public static final String BUNDLE = RunDirectory.BUNDLE;

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

    /** Starts a run in {@code outDir} (replacing an earlier run's checkpoint and log there) and trains it to the end. */
    public Outcome run(RillConfig config, Path outDir) throws IOException {
        RunDirectory dir = new RunDirectory(outDir);
        TaskAdapter task = prepare(config);
        if (dir.hasCheckpoint()) {
            log.println("starting over in " + outDir + ": the checkpoint of the run there is replaced (rill train --resume "
                    + outDir + " would have continued it)");
        }
        dir.start(config);
        try (MetricsLog metrics = MetricsLog.open(dir.file(RunDirectory.METRICS_LOG), 0)) {
            return train(config, dir, task, metrics, null);
        }
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint (from the start when it has none yet).
     *
     * @param config the run's own config, as read from its {@code resolved.yaml}
     */
    public Outcome resume(RillConfig config, Path runDir) throws IOException {
        RunDirectory dir = new RunDirectory(runDir);
        dir.requireResolvedConfig();
        TaskAdapter task = prepare(config);
        Optional<Checkpoints.Checkpoint> checkpoint = dir.checkpoints().latest();
        checkpoint.ifPresentOrElse(
                c -> log.printf(Locale.ROOT, "resuming after step %d (epoch %d, %d minibatches into it)%n",
                        c.state().step, c.state().epoch, c.state().batchesDone),
                () -> log.println("no checkpoint yet: training from the start"));
        long keep = checkpoint.map(c -> c.state().metricsLogBytes).orElse(0L);
        try (MetricsLog metrics = MetricsLog.open(dir.file(RunDirectory.METRICS_LOG), keep)) {
            return train(config, dir, task, metrics, checkpoint.orElse(null));
        }
    }

    private TaskAdapter prepare(RillConfig config) {
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
        return task;
    }

    private Outcome train(RillConfig config, RunDirectory dir, TaskAdapter task, MetricsLog metrics, Checkpoints.Checkpoint from)
            throws IOException {
        EpochTrainer trainer = new EpochTrainer(config.training(), progress, log, metrics, dir.checkpoints());
        EpochTrainer.Result result = task.train(trainer, from);
        log.printf(Locale.ROOT, "selected epoch %d%s%n", result.bestEpoch(), result.stoppedEarly() ? " (stopped early)" : "");

        Map<String, TaskMetrics> metricsBySplit = task.evaluate();
        metricsBySplit.forEach((split, m) -> log.printf(Locale.ROOT, "%s: %s", split, m.format()));

        Map<String, Object> metricsJson = metricsJson(metricsBySplit, result);
        Path bundle = dir.file(RunDirectory.BUNDLE);
        Map<String, Object> provenance = Provenance.collect(config, Provenance.dataFiles(config, store));
        task.bundle(RunDirectory.portable(config), metricsJson, provenance).write(bundle);
        AtomicFiles.write(dir.file(RunDirectory.METRICS), out -> out.write(Json.pretty(metricsJson)));
        writeReport(dir);
        return new Outcome(bundle, metricsBySplit, result);
    }

    /** The report is a view of files already written: if it fails, the run's results still stand, so it only warns. */
    private void writeReport(RunDirectory dir) {
        try {
            log.println("report: " + RunReport.write(dir.dir()));
        } catch (IOException | RuntimeException e) {
            log.println("warning: report.html not written (" + e.getMessage() + "); rebuild it with `rill report " + dir.dir() + "`");
        }
    }

    private static Map<String, Object> metricsJson(Map<String, TaskMetrics> metrics, EpochTrainer.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((split, v) -> m.put(split, v.toMap()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("best_epoch", result.bestEpoch());
        training.put("stopped_early", result.stoppedEarly());
        training.put("seconds", result.trainSeconds());
        training.put("examples_per_s", result.examples() / Math.max(1e-9, result.trainSeconds()));
        training.put("tokens_per_s", result.tokens() / Math.max(1e-9, result.trainSeconds()));
        training.put("epochs", result.epochs());
        m.put("training", training);
        return m;
    }
}
