package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.inspect.DataDoctor;
import dev.rill.inspect.DoctorReport;
import dev.rill.inspect.LengthProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Scans a config's data as training reads it; exits 2 when training would fail on it. */
@Command(name = "doctor", description = "Scan the data a config trains on: OOV rate, lengths, label balance, duplicates between splits,"
        + " malformed or empty examples; exit 2 on problems that would make training fail.")
final class DoctorCommand implements Callable<Integer> {

    /** Characters of the longest histogram bar. */
    private static final int BAR = 40;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONFIG", description = "The YAML config.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, as with train.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RillConfig cfg = Corpora.configLoader().load(config, overrides).config();
        DoctorReport report = DataDoctor.examine(cfg, Corpora.store(null));
        PrintStream out = main.out;
        out.println("doctor: " + config + " (task " + cfg.task().yamlName() + ", vocab_size " + cfg.data().vocabSize()
                + ", min_frequency " + cfg.data().minFrequency() + ")");
        splits(out, report);
        if (report.lengths() != null) {
            lengths(out, report.lengths(), cfg);
        }
        labels(out, report.labels());
        duplicates(out, report);
        out.println();
        report.warnings().forEach(w -> out.println("warning: " + w));
        report.errors().forEach(e -> main.err.println("error: " + e));
        out.printf(Locale.ROOT, "%d errors, %d warnings%n", report.errors().size(), report.warnings().size());
        return report.failed() ? Main.BAD_INPUT : 0;
    }

    private static void splits(PrintStream out, DoctorReport r) {
        out.println();
        out.printf(Locale.ROOT, "%-6s %10s %12s %10s %7s  %s%n", "split", "examples", "tokens", "OOV", "empty", "file");
        for (DoctorReport.SplitSummary s : r.splits()) {
            String oov = String.format(Locale.ROOT, "%.2f%%", 100 * s.oovRate());
            out.printf(Locale.ROOT, "%-6s %,10d %,12d %10s %,7d  %s%n", s.name(), s.examples(), s.tokens(), oov, s.empty(), s.file());
        }
        out.println("  OOV: tokens outside the vocabulary built from train (data.vocab_size, data.min_frequency); in train,"
                + " the tokens those settings cut");
    }

    private static void lengths(PrintStream out, LengthProfile p, RillConfig cfg) {
        out.println();
        int[] q = p.percentiles();
        out.printf(Locale.ROOT, "train lengths in tokens: p50 %d, p90 %d, p95 %d, p99 %d, max %d%s%n", q[0], q[1], q[2], q[3], q[4],
                p.cut() > 0 ? String.format(Locale.ROOT, "; data.max_length %d cuts %,d examples", cfg.data().maxLength(), p.cut()) : "");
        int most = p.bins().stream().mapToInt(LengthProfile.Bin::count).max().orElse(1);
        int label = String.valueOf(q[4]).length();
        for (LengthProfile.Bin b : p.bins()) {
            int bar = (int) Math.round(BAR * b.count() / (double) Math.max(1, most));
            out.printf(Locale.ROOT, "  %" + label + "d-%-" + label + "d %s%s %,d%n", b.from(), b.to(), "#".repeat(bar),
                    bar == 0 && b.count() > 0 ? "." : "", b.count());
        }
        if (p.suggestedTbptt() == 0) {
            out.printf(Locale.ROOT, "  suggested training.tbptt: 0 (full BPTT): 95%% of examples have at most %d tokens%s%n", q[2],
                    cfg.training().truncatedBptt() ? " (the config sets " + cfg.training().tbptt() + ")" : "");
        } else {
            out.printf(Locale.ROOT, "  suggested training.tbptt: %d (needs cell: gru): 5%% of examples have more than %d tokens;"
                    + " or cut them with data.max_length: %d%s%n", p.suggestedTbptt(), q[2], q[2],
                    cfg.training().truncatedBptt() ? " (the config sets " + cfg.training().tbptt() + ")" : "");
        }
        out.printf(Locale.ROOT, "  batches of %d: %.1f%% of the steps computed are padding with Rill's length buckets"
                + " (similar lengths batched together), %.1f%% with random batches%n", cfg.training().batchSize(),
                100 * p.bucketPadding(), 100 * p.randomPadding());
    }

    private static void labels(PrintStream out, Map<String, Map<String, Long>> labels) {
        for (Map.Entry<String, Map<String, Long>> split : labels.entrySet()) {
            long total = split.getValue().values().stream().mapToLong(Long::longValue).sum();
            out.println();
            out.printf(Locale.ROOT, "%s labels (%d):%n", split.getKey(), split.getValue().size());
            split.getValue().forEach((label, n) -> out.printf(Locale.ROOT, "  %-16s %,10d  %6.2f%%%n", label, n, 100.0 * n / total));
        }
    }

    private static void duplicates(PrintStream out, DoctorReport r) {
        for (DoctorReport.Duplicates d : r.duplicates()) {
            out.println();
            out.printf(Locale.ROOT, "%s examples also in train: %,d%n", d.split(), d.count());
            d.examples().forEach(e -> out.println("  " + e));
        }
    }
}
