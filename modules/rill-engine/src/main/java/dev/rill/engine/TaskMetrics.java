package dev.rill.engine;

import java.util.Map;

/** Scores of a trained model on one split, whatever the task. */
public interface TaskMetrics {

    /** The JSON-ready view written to {@code metrics.json} and printed by {@code rill evaluate --json}. */
    Map<String, Object> toMap();

    /** A human-readable report, ending with a newline. */
    String format();
}
