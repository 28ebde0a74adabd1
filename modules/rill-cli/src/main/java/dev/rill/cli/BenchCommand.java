package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.engine.ClassificationMetrics;
import dev.rill.engine.Progress;
import dev.rill.engine.TrainingRun;
import dev.rill.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Trains each config and writes a Markdown table of test accuracy, time and throughput, with the
 * machine, date and command, so every reported figure can be reproduced.
 */
@Command(name = "bench", description = "Benchmarks that print a table and write it under docs/benchmarks/.",
        subcommands = BenchCommand.Sentiment.class)
final class BenchCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new UsageException("bench needs a subcommand: sentiment");
    }

    @Command(name = "sentiment", description = "Train sentiment configs; report test accuracy, training time and examples/s.")
    static final class Sentiment implements Callable<Integer> {

        @ParentCommand
        BenchCommand parent;

        @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "Configs to train, e.g. configs/sentiment-sst2.yaml.")
        List<Path> configs;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override applied to every config.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--report", paramLabel = "FILE", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
                defaultValue = "docs/benchmarks/sentiment.md")
        Path report;

        @Option(names = "--runs", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).", defaultValue = "runs/bench")
        Path runs;

        @Override
        public Integer call() throws Exception {
            Main main = parent.main;
            List<String> rows = new ArrayList<>();
            for (Path configFile : configs) {
                RillConfig cfg = Corpora.configLoader().load(configFile, overrides).config();
                String name = configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                var outcome = new TrainingRun(Corpora.store(null), main.err,
                        Progress.forConsole(main.err, cfg.training().logEvery())).run(cfg, runs.resolve(name));
                ClassificationMetrics test = outcome.metrics().get("test");
                ClassificationMetrics dev = outcome.metrics().get("dev");
                var r = outcome.result();
                rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.0f | %.0f | %.0f |",
                        name, cellsOf(cfg), pct(dev), pct(test), r.epochs().size(), r.trainSeconds(),
                        r.examples() / r.trainSeconds(), r.tokens() / r.trainSeconds()));
            }
            String table = String.join("\n", List.of(
                    "| config | layers | dev accuracy | test accuracy | epochs | train s | examples/s | tokens/s |",
                    "|---|---|---|---|---|---|---|---|")) + "\n" + String.join("\n", rows) + "\n";
            main.out.print(table);
            String command = "bin/rill bench sentiment " + String.join(" ", configs.stream().map(Path::toString).toList())
                    + overrides.stream().map(o -> " --set " + o).reduce("", String::concat);
            AtomicFiles.writeString(report, "# Sentiment benchmark\n\n" + Machine.describe(command) + "\n" + table);
            main.err.println("wrote " + report);
            return 0;
        }

        private static String cellsOf(RillConfig cfg) {
            return String.join(" + ", cfg.model().layers().stream()
                    .map(l -> (l.bidirectional() ? "bi-" : "") + l.cell().yamlName() + " " + l.units()).toList())
                    + ", pooling " + cfg.model().pooling().yamlName();
        }

        private static String pct(ClassificationMetrics m) {
            return m == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * m.accuracy());
        }
    }
}
