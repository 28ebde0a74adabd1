package dev.rill.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The class labels of a classifier, in a fixed order: numerically when every label is an integer
 * (so "2" comes before "10"), otherwise alphabetically.
 */
public final class LabelSet {

    private final List<String> labels;

    public LabelSet(List<String> labels) {
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels, got " + labels);
        }
        this.labels = List.copyOf(labels);
    }

    /** The distinct labels of the training examples, ordered as described above. */
    public static LabelSet of(Collection<LabeledText> examples, Path file) {
        boolean numeric = examples.stream().allMatch(e -> e.label().matches("-?\\d{1,9}"));
        TreeSet<String> set = numeric
                ? new TreeSet<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                : new TreeSet<>();
        examples.forEach(e -> set.add(e.label()));
        if (set.size() < 2) {
            throw new DataException(file, 0, "field 'label': only " + set + " occurs; a classifier needs at least two labels");
        }
        return new LabelSet(new ArrayList<>(set));
    }

    public int size() {
        return labels.size();
    }

    public String label(int index) {
        return labels.get(index);
    }

    /** Index of a label, or -1. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    public List<String> labels() {
        return labels;
    }
}
