package dev.rill.serve;

import dev.rill.engine.ModelBundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/models} says about a served model.
 *
 * @param name           what requests call it
 * @param task           the bundle's task ({@code classification}, {@code tagging}, {@code language_model}, {@code conditioned_generation})
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

    /** The labels a conditioned generator writes for (its bundle's labels); empty for every other model. */
    public List<String> conditions() {
        return "conditioned_generation".equals(task) ? labels : List.of();
    }

    /**
     * The JSON object: a classifier's labels are {@code labels}, a tagger's {@code tags}, a conditioned generator's
     * {@code conditions}; a language model has none.
     */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("task", task);
        if (!labels.isEmpty()) {
            json.put(switch (task) {
                case "tagging" -> "tags";
                case "conditioned_generation" -> "conditions";
                default -> "labels";
            }, labels);
        }
        json.put("vocabulary_size", vocabularySize);
        json.put("metrics", new java.util.TreeMap<>(metrics));
        return json;
    }
}
