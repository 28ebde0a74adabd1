package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.config.TaskType;
import dev.rill.inspect.DataScan;
import dev.rill.inspect.GradientBatches;
import dev.rill.inspect.GradientDiagnostics;
import dev.rill.inspect.NetworkSizes;
import dev.rill.inspect.RandomBatches;
import dev.rill.inspect.ScanBatches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "diagnose", description = "Measurements on a config's network before training.", subcommands = DiagnoseCommand.Gradients.class)
final class DiagnoseCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new UsageException("diagnose needs a subcommand: gradients");
    }

    /** How far back the loss gradient reaches per cell, and whether clipping is set sensibly; table on stdout, plot to a file. */
    @Command(name = "gradients", description = "Measure ||dL/dx_{t-k}|| against k for the configured cells and for rnn, lstm, gru"
            + " (vanishing gradients), write a log-scale plot, and check training.gradient_clip against the gradient norms.")
    static final class Gradients implements Callable<Integer> {

        @ParentCommand
        DiagnoseCommand parent;

        @Parameters(paramLabel = "CONFIG", description = "The YAML config.")
        Path config;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, as with train.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--steps", paramLabel = "K", defaultValue = "30", description = "Largest k, steps back from the last (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batches", paramLabel = "N", defaultValue = "3", description = "Minibatches averaged over (default: ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--train-steps", paramLabel = "N", defaultValue = "0",
                description = "Train each network on N minibatches before measuring (default: ${DEFAULT-VALUE}: freshly initialised).")
        int trainSteps;

        @Option(names = "--no-data", description = "Random token ids instead of the training split (data.vocab_size words).")
        boolean noData;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "gradients.png",
                description = "The plot: PNG, or SVG for a .svg name (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (steps < 1 || batches < 1 || trainSteps < 0) {
                throw new UsageException("--steps and --batches must be >= 1 and --train-steps >= 0");
            }
            Main main = parent.main;
            RillConfig cfg = Corpora.configLoader().load(config, overrides).config();
            NetworkSizes sizes;
            GradientBatches source;
            int batchSize = cfg.training().batchSize();
            if (noData) {
                boolean tagging = cfg.task() == TaskType.TAGGING;
                int chars = cfg.model().charCnn() == null ? 0 : NetworkSizes.ASSUMED_CHARACTERS;
                sizes = new NetworkSizes(Math.max(2, cfg.data().vocabSize()), chars, tagging ? 17 : 2);
                int maxChars = cfg.model().charCnn() == null ? 0 : cfg.model().charCnn().maxChars();
                source = new RandomBatches(sizes, maxChars, batchSize, steps + 1, tagging, cfg.training().seed());
            } else {
                DataScan scan = DataScan.read(cfg, Corpora.store(null));
                sizes = scan.sizes();
                source = new ScanBatches(scan, batchSize, cfg.training().seed());
            }
            var result = GradientDiagnostics.run(cfg, sizes, source, new GradientDiagnostics.Settings(steps, batches, trainSteps));
            PrintStream o = main.out;
            print(o, cfg, result);
            String title = "Gradient reach: " + config.getFileName() + (trainSteps == 0 ? " (fresh)" : " (after " + trainSteps + " steps)");
            GradientPlot.write(result, title, out);
            o.println("plot: " + out);
            return 0;
        }

        private void print(PrintStream o, RillConfig cfg, GradientDiagnostics.Result r) {
            o.printf(Locale.ROOT, "diagnose gradients: %s; %d examples from %s; networks %s%n", config, r.examples(), r.source(),
                    r.trainSteps() == 0 ? "freshly initialised" : "after " + r.trainSteps() + " training steps each");
            o.println("loss on each example's last step only; x = the embedding output entering the first recurrent layer;"
                    + " dropout off, same sizes and seed for every cell");
            if (r.lag() < steps) {
                o.printf(Locale.ROOT, "(the examples are short: lags up to %d measured instead of %d)%n", r.lag(), steps);
            }
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s", "k"));
            r.curves().forEach(c -> head.append(String.format(Locale.ROOT, "  %-20s", c.name())));
            o.println();
            o.println(head + "    mean ||dL/dx_{t-k}|| (share of k=0)");
            for (int k = 0; k <= r.lag(); k++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d", k));
                for (GradientDiagnostics.Curve c : r.curves()) {
                    line.append(String.format(Locale.ROOT, "  %9.3e (%8.2e)", c.meanNorm()[k], c.ratio(k)));
                }
                o.println(line);
            }
            o.println();
            for (GradientDiagnostics.Curve c : r.curves()) {
                double f = c.stepFactor();
                o.printf(Locale.ROOT, "  %-16s keeps %.3g of the gradient per step back on average%s%n", c.name(), f,
                        f < 1 ? String.format(Locale.ROOT, ": 10x smaller every %.1f steps", Math.log(10) / -Math.log(f)) : ": no decay");
            }
            if (cfg.training().truncatedBptt()) {
                o.printf(Locale.ROOT, "  training.tbptt: %d cuts the training gradient to 0 beyond %d steps back, whatever the cell%n",
                        cfg.training().tbptt(), cfg.training().tbptt());
            }
            clipping(o, r.clipping());
        }

        private static void clipping(PrintStream o, GradientDiagnostics.Clipping c) {
            o.println();
            o.printf(Locale.ROOT, "gradient clipping: training.gradient_clip %s per layer; raw gradients of the configured network"
                    + " (dropout and head as configured), per example as DL4J clips them:%n", c.threshold() > 0 ? c.threshold() : "0 (off)");
            int width = Math.max("global norm".length(), c.layers().stream().mapToInt(l -> l.layer().length()).max().orElse(0));
            String row = "  %-" + width + "s  %s%n";
            o.printf(Locale.ROOT, row, "global norm", range(c.globalNorms()));
            for (GradientDiagnostics.LayerNorms l : c.layers()) {
                o.printf(Locale.ROOT, row, l.layer(), range(l.norms()));
            }
            String verdict = switch (c.verdict()) {
                case OFF -> "clipping is off (training.gradient_clip: 0)";
                case FAR_ABOVE -> "far above the typical norm: never clips (more than 3x the largest layer norm measured)";
                case FAR_BELOW -> "far below the typical norm: always clips, every layer's update is rescaled (below a third of"
                        + " the smallest layer norm); the learning rate is then effectively lower than configured";
                case NEAR -> String.format(Locale.ROOT, "near the typical norm (layer norms %.3g .. %.3g; within 3x of that range):"
                        + " clips %.0f%% of the layer updates measured", all(c)[0], all(c)[all(c).length - 1], 100 * c.clippedShare());
            };
            o.println("  verdict: " + verdict);
        }

        /** Every layer norm measured, ascending. */
        private static double[] all(GradientDiagnostics.Clipping c) {
            return c.layers().stream().flatMapToDouble(l -> Arrays.stream(l.norms())).sorted().toArray();
        }

        private static String range(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return String.format(Locale.ROOT, "median %.3g (min %.3g, max %.3g)", s[s.length / 2], s[0], s[s.length - 1]);
        }
    }
}
