package dev.rill.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.rill.config.CellType;
import dev.rill.engine.bench.BenchTask;

/** The tables (Markdown) and JSON of {@code rill bench throughput}. */
final class ThroughputReport {

    /**
     * One training case at one thread count.
     *
     * @param peerTokensPerSecond the peer's figure, or null without {@code --peer}
     */
    record Training(BenchTask task, CellType cell, int threads, double tokensPerSecond, Double peerTokensPerSecond) {

        double gflops() {
            return gflops(tokensPerSecond);
        }

        double gflops(double tokens) {
            return task.flopsPerStep(cell) / task.tokensPerStep() * tokens / 1e9;
        }

        Double ratio() {
            return peerTokensPerSecond == null ? null : tokensPerSecond / peerTokensPerSecond;
        }
    }

    /** Inference speed of one cell at one thread count. */
    record Inference(CellType cell, int threads, double charsPerSecond, double p50Millis, double p99Millis) {
    }

    private ThroughputReport() {
    }

    static String trainingTable(List<Training> rows) {
        StringBuilder b = new StringBuilder(
                "| task | cell | threads | Rill tokens/s | Rill GFLOP/s | peer tokens/s | peer GFLOP/s | Rill / peer |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (Training r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %s | %s | %s |%n", r.task().yamlName(),
                    r.cell().yamlName(), r.threads(), r.tokensPerSecond(), r.gflops(),
                    r.peerTokensPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.peerTokensPerSecond()),
                    r.peerTokensPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.gflops(r.peerTokensPerSecond())),
                    r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio())));
        }
        return b.toString();
    }

    /** Each side at its own fastest thread count, per case (empty without peer figures). */
    static String bestTable(List<Training> rows) {
        Map<String, List<Training>> byCase = new LinkedHashMap<>();
        for (Training r : rows) {
            byCase.computeIfAbsent(r.task().yamlName() + " " + r.cell().yamlName(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder();
        for (var e : byCase.entrySet()) {
            Training rill = e.getValue().stream().max(Comparator.comparingDouble(Training::tokensPerSecond)).orElseThrow();
            Optional<Training> peer = e.getValue().stream().filter(r -> r.peerTokensPerSecond() != null)
                    .max(Comparator.comparingDouble(Training::peerTokensPerSecond));
            if (peer.isEmpty()) {
                return "";
            }
            b.append(String.format(Locale.ROOT, "| %s | %.0f (%d) | %.0f (%d) | %.2f |%n", e.getKey(), rill.tokensPerSecond(),
                    rill.threads(), peer.get().peerTokensPerSecond(), peer.get().threads(),
                    rill.tokensPerSecond() / peer.get().peerTokensPerSecond()));
        }
        return "| case | Rill tokens/s (threads) | peer tokens/s (threads) | Rill / peer |\n|---|---|---|---|\n" + b;
    }

    static String inferenceTable(List<Inference> rows) {
        StringBuilder b = new StringBuilder("| cell | threads | generation chars/s | classification p50 ms | classification p99 ms |\n"
                + "|---|---|---|---|---|\n");
        for (Inference r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f |%n", r.cell().yamlName(), r.threads(),
                    r.charsPerSecond(), r.p50Millis(), r.p99Millis()));
        }
        return b.toString();
    }

    /** One object per training case: task, cell, threads, tokens_per_s, gflops, and with the peer its figures and the ratio. */
    static List<Map<String, Object>> json(List<Training> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Training r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", r.task().yamlName());
            m.put("cell", r.cell().yamlName());
            m.put("threads", r.threads());
            m.put("tokens_per_s", r.tokensPerSecond());
            m.put("gflops", r.gflops());
            if (r.peerTokensPerSecond() != null) {
                m.put("peer_tokens_per_s", r.peerTokensPerSecond());
                m.put("peer_gflops", r.gflops(r.peerTokensPerSecond()));
                m.put("ratio", r.ratio());
            }
            out.add(m);
        }
        return out;
    }
}
