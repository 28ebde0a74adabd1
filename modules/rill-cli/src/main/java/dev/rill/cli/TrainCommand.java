package dev.rill.cli;

import dev.rill.config.ConfigLoader;
import dev.rill.config.RillConfig;
import dev.rill.engine.Progress;
import dev.rill.engine.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", description = "Train a model from a config; the last stdout line is 'bundle: PATH'.")
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONFIG", description = "The YAML config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: output.dir of the config).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key by its dotted path, e.g. training.epochs=1.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RillConfig cfg = Corpora.configLoader().load(config, overrides).config();
        Path dir = out != null ? out : Path.of(cfg.output().dir());
        var outcome = run(main, cfg, dir);
        main.out.println("bundle: " + outcome.bundle());
        return 0;
    }

    /** A training run wired as every command runs one: corpora from the environment, progress and log on stderr. */
    static TrainingRun.Outcome run(Main main, RillConfig cfg, Path dir) throws java.io.IOException {
        return new TrainingRun(Corpora.store(null), main.err, Progress.forConsole(main.err, cfg.training().logEvery()))
                .run(cfg, dir);
    }
}
