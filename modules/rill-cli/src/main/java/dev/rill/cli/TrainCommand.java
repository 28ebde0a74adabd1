package dev.rill.cli;

import dev.rill.config.ConfigException;
import dev.rill.config.RillConfig;
import dev.rill.engine.Progress;
import dev.rill.engine.RunDirectory;
import dev.rill.engine.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", description = {
        "Train a model from a config into a run folder (config, resolved config, metrics.jsonl, checkpoints, model.rill, "
                + "metrics.json); the last stdout line is 'bundle: PATH'.",
        "With --resume RUN_DIR, continue an interrupted run from its latest checkpoint."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONFIG", arity = "0..1",
            description = "The YAML config. With --resume it may be left out; if given it must match the run's config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: output.dir of the config).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in this folder from its latest checkpoint.")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key by its dotted path, e.g. training.epochs=1.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TrainingRun.Outcome outcome = resume != null ? resume() : start();
        main.out.println("bundle: " + outcome.bundle());
        return 0;
    }

    private TrainingRun.Outcome start() throws IOException, ConfigException {
        if (config == null) {
            throw new UsageException("train needs a CONFIG, or --resume RUN_DIR to continue a run");
        }
        RillConfig cfg = Corpora.configLoader().load(config, overrides).config();
        return run(main, cfg, out != null ? out : Path.of(cfg.output().dir()));
    }

    /** The run's own config (its resolved.yaml); a config given alongside must be the same. */
    private TrainingRun.Outcome resume() throws IOException, ConfigException {
        if (out != null) {
            throw new UsageException("--out cannot be combined with --resume: the run continues in " + resume);
        }
        RunDirectory dir = new RunDirectory(resume);
        RillConfig saved = Corpora.configLoader().load(dir.requireResolvedConfig(), List.of()).config();
        if (config != null) {
            RillConfig given = Corpora.configLoader().load(config, overrides).config();
            List<String> differences = RunDirectory.differences(saved, given);
            if (!differences.isEmpty()) {
                throw new UsageException("cannot resume " + resume + " with " + config + ": it differs from the config the run was started with ("
                        + dir.file(RunDirectory.RESOLVED) + ") in\n  " + String.join("\n  ", differences)
                        + "\nresume without CONFIG to continue the run as it was, or start a new run with another --out");
            }
        } else if (!overrides.isEmpty()) {
            throw new UsageException("--set cannot change a run being resumed; start a new run with another --out instead");
        }
        return trainingRun(main, saved).resume(saved, resume);
    }

    /** A training run wired as every command runs one: corpora from the environment, progress and log on stderr. */
    static TrainingRun.Outcome run(Main main, RillConfig cfg, Path dir) throws IOException {
        return trainingRun(main, cfg).run(cfg, dir);
    }

    private static TrainingRun trainingRun(Main main, RillConfig cfg) {
        return new TrainingRun(Corpora.store(null), main.err, Progress.forConsole(main.err, cfg.training().logEvery()));
    }
}
