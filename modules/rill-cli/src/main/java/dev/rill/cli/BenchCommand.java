package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.engine.TaskMetrics;
import dev.rill.io.AtomicFiles;
import dev.rill.layers.bench.GruLstmBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains each config and writes a Markdown table of test accuracy, time and throughput, with the
 * machine, date and command, so every reported figure can be reproduced.
 */
@Command(name = "bench", description = "Benchmarks that print a table and write it under docs/benchmarks/.",
        subcommands = {BenchCommand.Sentiment.class, BenchCommand.Tagging.class, BenchCommand.Layers.class, GenerationBench.class,
                ConditionedBench.class, BenchThroughputCommand.class})
final class BenchCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new UsageException("bench needs a subcommand: sentiment, tagging, layers, generation, conditioned or throughput");
    }

    @Command(name = "sentiment", description = "Train sentiment configs; report test accuracy, training time and examples/s.")
    static final class Sentiment extends AccuracyBench {
        Sentiment() {
            super("Sentiment benchmark", "docs/benchmarks/sentiment.md", "bench sentiment");
        }
    }

    @Command(name = "tagging", description = "Train tagger configs; report test token accuracy (all and out-of-vocabulary),"
            + " training time and tokens/s.")
    static final class Tagging extends AccuracyBench {
        Tagging() {
            super("Tagging benchmark", "docs/benchmarks/tagging.md", "bench tagging");
        }
    }

    /** Trains configs one after the other and tabulates dev/test accuracy and throughput. */
    abstract static class AccuracyBench implements Callable<Integer> {

        private final String title;
        private final String defaultReport;
        private final String subcommand;

        AccuracyBench(String title, String defaultReport, String subcommand) {
            this.title = title;
            this.defaultReport = defaultReport;
            this.subcommand = subcommand;
        }

        @ParentCommand
        BenchCommand parent;

        @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "Configs to train, e.g. configs/sentiment-sst2.yaml.")
        List<Path> configs;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override applied to every config.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--report", paramLabel = "FILE", description = "Markdown file to write (default: docs/benchmarks/<subcommand>.md).")
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
                var outcome = TrainCommand.run(main, cfg, runs.resolve(name));
                Map<String, Object> test = metrics(outcome.metrics().get("test"));
                Map<String, Object> dev = metrics(outcome.metrics().get("dev"));
                var r = outcome.result();
                rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d (best %d) | %.0f | %.0f | %.0f |",
                        name, cellsOf(cfg), pct(dev, "accuracy"), pct(test, "accuracy"), pct(test, "oov_accuracy"),
                        r.epochs().size(), r.bestEpoch(), r.trainSeconds(), r.examples() / r.trainSeconds(), r.tokens() / r.trainSeconds()));
            }
            String table = String.join("\n", List.of(
                    "| config | model | dev accuracy | test accuracy | test OOV accuracy | epochs | train s | examples/s | tokens/s |",
                    "|---|---|---|---|---|---|---|---|---|")) + "\n" + String.join("\n", rows) + "\n";
            main.out.print(table);
            String command = "bin/rill " + subcommand + " " + String.join(" ", configs.stream().map(Path::toString).toList())
                    + overrides.stream().map(o -> " --set " + o).reduce("", String::concat);
            Path file = report != null ? report : Path.of(defaultReport);
            AtomicFiles.writeString(file, "# " + title + "\n\n" + Machine.describe(command) + "\n" + table + keptNotes(file));
            main.err.println("wrote " + file);
            return 0;
        }

        /**
         * The hand-written part of an existing report, from its {@code ## Notes} heading on (what was
         * tried, what the numbers mean), so a new run replaces the measurements but not the analysis.
         */
        static String keptNotes(Path file) throws java.io.IOException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                return "";
            }
            String old = java.nio.file.Files.readString(file);
            int at = old.indexOf("\n## Notes");
            return at < 0 ? "" : old.substring(at);
        }

        private static Map<String, Object> metrics(TaskMetrics m) {
            return m == null ? Map.of() : m.toMap();
        }

        private static String cellsOf(RillConfig cfg) {
            var model = cfg.model();
            String layers = String.join(" + ", model.layers().stream()
                    .map(l -> (l.bidirectional() ? "bi-" : "") + l.cell().yamlName() + " " + l.units()).toList());
            return switch (cfg.task()) {
                case CLASSIFICATION -> layers + ", pooling " + model.pooling().yamlName();
                case TAGGING -> "emb " + model.embedding() + (model.charCnn() == null ? "" : " + char-CNN " + model.charCnn().filters())
                        + ", " + layers;
                default -> layers;
            };
        }

        /** A share as a percentage, or "-" when the metric is absent (no such split, or not defined for the task). */
        private static String pct(Map<String, Object> m, String key) {
            return m.get(key) instanceof Number n ? String.format(Locale.ROOT, "%.2f%%", 100 * n.doubleValue()) : "-";
        }
    }

    @Command(name = "layers", description = "Training throughput of Rill's GRU and DL4J's LSTM (2 x 256, batch 32, 100 steps,"
            + " one-hot 65), optionally next to the PyTorch peer benchmark run back to back.")
    static final class Layers implements Callable<Integer> {

        @ParentCommand
        BenchCommand parent;

        @Option(names = "--iters", paramLabel = "N", description = "Timed steps per cell (default: ${DEFAULT-VALUE}).", defaultValue = "10")
        int iterations;

        @Option(names = "--peer", description = "Also run ../shared/peer-bench (PyTorch via DJL) on the same shape and thread count.")
        boolean peer;

        @Option(names = "--peer-dir", paramLabel = "DIR", description = "The peer benchmark (default: ../shared/peer-bench beside the project).")
        Path peerDir;

        @Option(names = "--report", paramLabel = "FILE", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
                defaultValue = "docs/benchmarks/layers.md")
        Path report;

        @Override
        public Integer call() throws Exception {
            if (iterations < 1) {
                throw new UsageException("--iters must be >= 1, got " + iterations);
            }
            Main main = parent.main;
            List<String> rows = new ArrayList<>();
            for (var cell : GruLstmBench.Cell.values()) {
                double rill = GruLstmBench.tokensPerSecond(cell, 3, iterations);
                String name = cell.name().toLowerCase(Locale.ROOT);
                String peerCell = peer ? String.format(Locale.ROOT, "%.0f", peerTokensPerSecond(name)) : "-";
                String ratio = peer ? String.format(Locale.ROOT, "%.2f", rill / Double.parseDouble(peerCell)) : "-";
                rows.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s |",
                        name, cell == GruLstmBench.Cell.GRU ? "Rill GruLayer" : "DL4J LSTM", rill, peerCell, ratio));
                main.err.println(rows.get(rows.size() - 1));
            }
            String table = "| cell | layer | tokens/s | peer tokens/s | ratio |\n|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
            main.out.print(table);
            String command = "bin/rill bench layers --iters " + iterations + (peer ? " --peer" : "");
            AtomicFiles.writeString(report, "# Recurrent layer throughput\n\n"
                    + "Forward + backward + Adam step of 2 stacked layers of 256 units on one-hot input over 65 symbols,"
                    + " batch 32, 100 steps, float, softmax at every step (the peer's `lm` case).\n\n"
                    + Machine.describe(command) + "\n" + table);
            main.err.println("wrote " + report);
            return 0;
        }

        private double peerTokensPerSecond(String cell) throws Exception {
            Path dir = peerDir != null ? peerDir : Path.of(System.getenv().getOrDefault("RILL_HOME", ".")).resolve("../shared/peer-bench");
            if (!java.nio.file.Files.isExecutable(dir.resolve("run"))) {
                throw new UsageException("no peer benchmark at " + dir + "; pass --peer-dir DIR");
            }
            Process p = new ProcessBuilder(dir.resolve("run").toString(), "lm", cell, String.valueOf(GruLstmBench.BATCH),
                    String.valueOf(GruLstmBench.STEPS), String.valueOf(GruLstmBench.UNITS),
                    "2", String.valueOf(iterations))
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("peer benchmark failed: " + out);
            }
            var m = java.util.regex.Pattern.compile("([0-9.]+) tokens/s").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("peer benchmark printed no tokens/s: " + out);
            }
            return Double.parseDouble(m.group(1));
        }
    }
}
