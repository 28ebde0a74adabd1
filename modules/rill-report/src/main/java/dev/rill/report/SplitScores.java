package dev.rill.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One split of {@code metrics.json}, read leniently: a classifier's map has {@code labels},
 * {@code per_class} and {@code confusion}; a tagger's has {@code tags}, {@code per_tag} and
 * {@code confusion}; a language model's only scalars.
 *
 * @param name the split
 * @param raw  the split's map as read
 */
record SplitScores(String name, Map<?, ?> raw) {

    static SplitScores of(String name, Map<?, ?> raw) {
        return new SplitScores(name, raw);
    }

    /** Class or tag names, index order; empty when absent. */
    List<String> labels() {
        Object v = raw.containsKey("labels") ? raw.get("labels") : raw.get("tags");
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    /**
     * {@code confusion[gold][predicted]}, or {@code null} when absent or not a square matrix over
     * {@link #labels()}.
     */
    long[][] confusion() {
        int n = labels().size();
        if (n == 0 || !(raw.get("confusion") instanceof List<?> rows) || rows.size() != n) {
            return null;
        }
        long[][] c = new long[n][n];
        for (int g = 0; g < n; g++) {
            if (!(rows.get(g) instanceof List<?> row) || row.size() != n) {
                return null;
            }
            for (int p = 0; p < n; p++) {
                if (!(row.get(p) instanceof Number x)) {
                    return null;
                }
                c[g][p] = x.longValue();
            }
        }
        return c;
    }

    /** Per class or tag: precision, recall, f1, support, in label order; empty when absent. */
    Map<String, Map<?, ?>> perClass() {
        Object v = raw.containsKey("per_class") ? raw.get("per_class") : raw.get("per_tag");
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, s) -> {
                if (s instanceof Map<?, ?> scores) {
                    out.put(String.valueOf(k), scores);
                }
            });
        }
        return out;
    }

    /**
     * The split's single numbers (accuracy, macro_f1, perplexity, ...), with nested ones such as
     * the entity scores flattened to {@code entities.f1}, in file order.
     */
    Map<String, Number> scalars() {
        Map<String, Number> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v instanceof Number x) {
                out.put(String.valueOf(k), x);
            } else if (v instanceof Map<?, ?> nested && !k.equals("per_class") && !k.equals("per_tag")) {
                nested.forEach((k2, v2) -> {
                    if (v2 instanceof Number x) {
                        out.put(k + "." + k2, x);
                    }
                });
            }
        });
        return out;
    }
}
