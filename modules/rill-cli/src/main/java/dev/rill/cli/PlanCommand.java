package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.inspect.DataScan;
import dev.rill.inspect.MemoryEstimate;
import dev.rill.inspect.NetworkPlan;
import dev.rill.inspect.NetworkSizes;
import dev.rill.inspect.ScannedSplit;
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

/**
 * Prints the network a config builds and the memory training it needs, before anything trains; exits 2
 * when the estimate exceeds the memory this process may use (or {@code --max-memory}).
 */
@Command(name = "plan", description = "Show the network a config builds (layers, shapes, parameters) and estimate training memory;"
        + " exit 2 if it cannot train.")
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONFIG", description = "The YAML config.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, as with train.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-data", description = "Do not read the data: data.vocab_size is the vocabulary (an upper bound).")
    boolean noData;

    @Option(names = "--classes", paramLabel = "N", description = "Labels or tags with --no-data (default: 2 for classification, 17 for tagging).")
    Integer classes;

    @Option(names = "--length", paramLabel = "STEPS", description = "Sequence length to plan for when training.tbptt is 0"
            + " (default: data.max_length, else the longest training example).")
    Integer length;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Fail when the estimate exceeds this, e.g. 2GiB"
            + " (default: what ND4J may use in this JVM, or the free memory if less).")
    String maxMemory;

    @Override
    public Integer call() throws Exception {
        RillConfig cfg = Corpora.configLoader().load(config, overrides).config();
        PrintStream out = main.out;
        NetworkSizes sizes;
        Steps steps;
        out.println("plan: " + config + " (task " + cfg.task().yamlName() + ")");
        if (noData) {
            int n = classes != null ? classes : cfg.task() == dev.rill.config.TaskType.TAGGING ? 17 : 2;
            int chars = cfg.model().charCnn() == null ? 0 : NetworkSizes.ASSUMED_CHARACTERS;
            sizes = new NetworkSizes(Math.max(2, cfg.data().vocabSize()), chars, n);
            out.printf(Locale.ROOT, "vocabulary: at most %,d words (data.vocab_size; --no-data: the data is not read)%s, %d %s (%s)%n",
                    sizes.words(), chars > 0 ? ", " + chars + " characters assumed" : "", n, classNoun(cfg),
                    classes != null ? "--classes" : "assumed; set --classes");
            steps = steps(cfg, null);
        } else {
            long t0 = System.nanoTime();
            DataScan scan = DataScan.read(cfg, Corpora.store(null));
            sizes = scan.sizes();
            ScannedSplit train = scan.train();
            out.printf(Locale.ROOT, "vocabulary: %,d words%s, %d %s, built from %s (%,d examples) as training builds them (%.1f s)%n",
                    sizes.words(), sizes.chars() > 0 ? " and " + sizes.chars() + " characters" : "", sizes.classes(), classNoun(cfg),
                    train.file().getFileName(), train.examples().size(), (System.nanoTime() - t0) / 1e9);
            steps = steps(cfg, train.lengths());
        }
        out.println("sequence length: " + steps.length() + " steps (" + steps.source() + ")");
        NetworkPlan plan = NetworkPlan.of(cfg, sizes, steps.length());
        printLayers(out, plan);
        MemoryEstimate.Limit limit = maxMemory != null
                ? new MemoryEstimate.Limit(ByteSize.parse(maxMemory), "--max-memory") : MemoryEstimate.Limit.ofThisProcess();
        printMemory(out, cfg, plan, limit);
        if (plan.memory().bytes() > limit.bytes()) {
            main.err.println("rill: plan: training needs about " + ByteSize.mib(plan.memory().bytes()) + " for one minibatch, more than the "
                    + ByteSize.mib(limit.bytes()) + " of " + limit.reason() + "; lower training.batch_size, set data.max_length or"
                    + " training.tbptt (cell: gru), or give the JVM more memory (RILL_JAVA_OPTS=-Xmx...)");
            return Main.BAD_INPUT;
        }
        return 0;
    }

    /**
     * Where the planned length comes from.
     *
     * @param length steps
     * @param source why this many
     */
    record Steps(int length, String source) {
    }

    private Steps steps(RillConfig cfg, int[] lengths) {
        if (cfg.training().truncatedBptt()) {
            return new Steps(cfg.training().tbptt(), "training.tbptt: backprop holds one segment");
        }
        if (length != null) {
            if (length < 1) {
                throw new UsageException("--length must be >= 1, got " + length);
            }
            return new Steps(length, "--length");
        }
        if (cfg.data().maxLength() > 0) {
            return new Steps(cfg.data().maxLength(), "data.max_length");
        }
        if (lengths == null) {
            throw new UsageException("with --no-data, training.tbptt: 0 and data.max_length: 0 there is no sequence length to plan for;"
                    + " give --length STEPS");
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int longest = Math.max(1, sorted[sorted.length - 1]);
        return new Steps(longest, "the longest training example: minibatches are padded to their longest; median "
                + sorted[sorted.length / 2]);
    }

    private static String classNoun(RillConfig cfg) {
        return cfg.task() == dev.rill.config.TaskType.TAGGING ? "tags" : "labels";
    }

    private static void printLayers(PrintStream out, NetworkPlan plan) {
        int kind = "layer".length();
        int shape = "input".length();
        for (NetworkPlan.LayerRow r : plan.layers()) {
            kind = Math.max(kind, r.kind().length());
            shape = Math.max(shape, Math.max(r.input().length(), r.output().length()));
        }
        String row = "%2s  %-" + kind + "s  %-" + shape + "s  %-" + shape + "s  %,12d%n";
        out.println();
        out.printf(Locale.ROOT, "%2s  %-" + kind + "s  %-" + shape + "s  %-" + shape + "s  %12s%n", "#", "layer", "input", "output", "parameters");
        for (int i = 0; i < plan.layers().size(); i++) {
            NetworkPlan.LayerRow r = plan.layers().get(i);
            out.printf(Locale.ROOT, row, i, r.kind(), r.input(), r.output(), r.params());
        }
        out.printf(Locale.ROOT, "%2s  %-" + kind + "s  %-" + shape + "s  %-" + shape + "s  %,12d%n", "", "total", "", "", plan.params());
        out.println();
    }

    private static void printMemory(PrintStream out, RillConfig cfg, NetworkPlan plan, MemoryEstimate.Limit limit) {
        MemoryEstimate m = plan.memory();
        String optimizer = cfg.training().optimizer().type().name().toLowerCase(Locale.ROOT);
        out.printf(Locale.ROOT, "training memory for one minibatch of %d examples x %d steps (float32):%n", plan.batch(), plan.length());
        out.printf(Locale.ROOT, "  %-20s %14s%n", "parameters", ByteSize.mib(m.paramBytes()));
        out.printf(Locale.ROOT, "  %-20s %14s%n", "gradients", ByteSize.mib(m.gradientBytes()));
        out.printf(Locale.ROOT, "  %-20s %14s  (%s: %.0f per parameter)%n", "updater state", ByteSize.mib(m.updaterBytes()), optimizer,
                m.updaterBytes() / (double) Math.max(1, m.paramBytes()));
        out.printf(Locale.ROOT, "  %-20s %14s  (kept for backprop: every layer x %d steps x %d examples)%n", "activations",
                ByteSize.mib(m.activationBytes()), plan.length(), plan.batch());
        out.printf(Locale.ROOT, "  %-20s %14s%n", "count", ByteSize.mib(m.countBytes()));
        out.printf(Locale.ROOT, "  %-20s %14s  (%d of %d layers report; includes their working buffers)%n", "DL4J layer reports",
                ByteSize.mib(m.reportBytes()), m.reportedLayers(), m.layers());
        out.printf(Locale.ROOT, "  %-20s %14s  (the larger; the process needs more besides: native libraries ~70 MiB, the JVM heap)%n", "estimate",
                ByteSize.mib(m.bytes()));
        out.printf(Locale.ROOT, "limit: %s (%s): %s%n", ByteSize.mib(limit.bytes()), limit.reason(),
                m.bytes() <= limit.bytes() ? String.format(Locale.ROOT, "fits (%.1f%%)", 100.0 * m.bytes() / limit.bytes()) : "DOES NOT FIT");
    }
}
