package dev.rill.report;

import java.util.Map;

/** What the run trained, which decides the task-specific sections of the report. */
enum TaskKind {
    CLASSIFIER("classification"),
    TAGGER("tagging"),
    LANGUAGE_MODEL("language_model"),
    UNKNOWN("unknown");

    final String yamlName;

    TaskKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /**
     * The {@code task} of resolved.yaml; without it, guessed from what metrics.json and the epoch
     * lines hold, so older or partial run directories still get their sections.
     */
    static TaskKind detect(Map<String, Object> config, Map<String, Object> metrics, MetricsLog log) {
        Object task = config.get("task");
        for (TaskKind k : values()) {
            if (k.yamlName.equals(task)) {
                return k;
            }
        }
        for (Object split : metrics.values()) {
            if (split instanceof Map<?, ?> m) {
                if (m.containsKey("per_tag")) {
                    return TAGGER;
                }
                if (m.containsKey("per_class")) {
                    return CLASSIFIER;
                }
                if (m.containsKey("perplexity")) {
                    return LANGUAGE_MODEL;
                }
            }
        }
        if (log != null && log.epochs().stream().anyMatch(e -> e.devPerplexity() != null || !e.samples().isEmpty())) {
            return LANGUAGE_MODEL;
        }
        return UNKNOWN;
    }
}
