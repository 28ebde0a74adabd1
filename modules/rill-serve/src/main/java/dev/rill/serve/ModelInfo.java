package dev.rill.serve;

import dev.rill.engine.ModelBundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/models} says about a served model.
 *
 * @param name           what requests call it
 * @param task           the bundle's task ({@code classification}, {@code tagging}, {@code language_model})
 * @param labels         class names of a classifier, tag names of a tagger, empty for a generator
 * @param vocabularySize token ids the model knows, {@code <pad>} and {@code <unk>} included
 * @param metrics        per split, the bundle's single-number metrics (accuracy, macro F1, ...)
 */
public record ModelInfo(String name, String task, List<String> labels, int vocabularySize,
                        Map<String, Map<String, Number>> metrics) {

    public ModelInfo {
        labels = List.copyOf(labels);
        metrics = Map.copyOf(metrics);
    }

    /** The summary of a bundle: its per-split numbers without the per-class tables and confusion matrices. */
    public static ModelInfo of(String name, ModelBundle bundle) {
        Map<String, Map<String, Number>> summary = new LinkedHashMap<>();
        bundle.metrics().forEach((split, value) -> {
            if (value instanceof Map<?, ?> scores) {
                Map<String, Number> numbers = new LinkedHashMap<>();
                scores.forEach((k, v) -> {
                    if (v instanceof Number n) {
                        numbers.put(k.toString(), n);   // counts stay whole numbers
                    }
                });
                summary.put(split, numbers);
            }
        });
        return new ModelInfo(name, bundle.config().task().yamlName(), bundle.labels(), bundle.vocabulary().size(), summary);
    }

    /** The JSON object: a tagger's labels are called {@code tags}, a generator has neither. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("task", task);
        if (!labels.isEmpty()) {
            json.put("tagging".equals(task) ? "tags" : "labels", labels);
        }
        json.put("vocabulary_size", vocabularySize);
        json.put("metrics", new java.util.TreeMap<>(metrics));
        return json;
    }
}
