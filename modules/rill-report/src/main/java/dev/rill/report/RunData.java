package dev.rill.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run directory holds, as far as the report is concerned. Any part may be missing: a run
 * still going has no {@code metrics.json}, a run from before run directories has no
 * {@code metrics.jsonl}.
 *
 * @param dir          the run directory
 * @param log          {@code metrics.jsonl}, or {@code null} when absent
 * @param metrics      {@code metrics.json} (split name to scores), empty when absent
 * @param hasMetrics   whether {@code metrics.json} exists
 * @param resolvedYaml {@code resolved.yaml} as written, or {@code null} when absent
 * @param config       {@code resolved.yaml} as a plain map, empty when absent
 * @param task         what was trained
 */
record RunData(Path dir, MetricsLog log, Map<String, Object> metrics, boolean hasMetrics, String resolvedYaml,
               Map<String, Object> config, TaskKind task) {

    List<StepPoint> steps() {
        return log == null ? List.of() : log.steps();
    }

    List<EpochPoint> epochs() {
        return log == null ? List.of() : log.epochs();
    }

    /** Scores of one split in metrics.json, if it has them. */
    Optional<SplitScores> split(String name) {
        return metrics.get(name) instanceof Map<?, ?> m ? Optional.of(SplitScores.of(name, m)) : Optional.empty();
    }

    /** The evaluated splits in metrics.json, in file order ("training" is not a split). */
    List<SplitScores> splits() {
        List<SplitScores> out = new ArrayList<>();
        metrics.forEach((name, v) -> {
            if (!name.equals("training") && v instanceof Map<?, ?> m) {
                out.add(SplitScores.of(name, m));
            }
        });
        return out;
    }

    /** The {@code training} block of metrics.json, empty when absent. */
    Map<?, ?> training() {
        return metrics.get("training") instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * The epoch whose weights the run keeps: the final line's, else metrics.json's, else (a run
     * still going) the epoch with the highest dev score so far; {@code null} without any.
     */
    BestEpoch bestEpoch() {
        if (log != null && log.bestEpoch() != null) {
            return new BestEpoch(log.bestEpoch(), true);
        }
        if (training().get("best_epoch") instanceof Number n) {
            return new BestEpoch(n.intValue(), true);
        }
        EpochPoint best = null;
        for (EpochPoint e : epochs()) {
            if (e.devScore() != null && !e.devScore().isNaN() && (best == null || e.devScore() > best.devScore())) {
                best = e;
            }
        }
        return best == null ? null : new BestEpoch(best.epoch(), false);
    }

    /** Whether the run has ended: a final line in metrics.jsonl or a metrics.json. */
    boolean finished() {
        return (log != null && log.finished()) || hasMetrics;
    }

    /**
     * @param epoch 1-based epoch
     * @param chosen whether the run chose it (false: best dev score so far of a run still going)
     */
    record BestEpoch(int epoch, boolean chosen) {
    }
}
