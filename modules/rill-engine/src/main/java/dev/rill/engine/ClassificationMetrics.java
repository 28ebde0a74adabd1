package dev.rill.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of a classifier on
 * one split.
 *
 * <p>A class never predicted has precision 0 (not NaN), and one absent from the gold labels has
 * recall 0, so macro-F1 stays defined; this is scikit-learn's {@code zero_division=0}.
 *
 * @param labels    class names, index order
 * @param confusion {@code confusion[gold][predicted]} counts
 */
public record ClassificationMetrics(List<String> labels, long[][] confusion) implements TaskMetrics {

    /** Counts gold/predicted pairs. */
    public static ClassificationMetrics of(List<String> labels, int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold and predicted differ in length");
        }
        long[][] c = new long[labels.size()][labels.size()];
        for (int i = 0; i < gold.length; i++) {
            c[gold[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(List.copyOf(labels), c);
    }

    public long total() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        long n = total();
        return n == 0 ? 0 : (double) correct / n;
    }

    public double precision(int k) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
    }

    public double recall(int k) {
        long gold = 0;
        for (long v : confusion[k]) {
            gold += v;
        }
        return gold == 0 ? 0 : (double) confusion[k][k] / gold;
    }

    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int k = 0; k < labels.size(); k++) {
            sum += f1(k);
        }
        return sum / labels.size();
    }

    /** A JSON-ready view: {@code accuracy}, {@code macro_f1}, {@code per_class}, {@code confusion}, {@code examples}. */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", total());
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("precision", precision(k));
            c.put("recall", recall(k));
            c.put("f1", f1(k));
            c.put("support", java.util.Arrays.stream(confusion[k]).sum());
            perClass.put(labels.get(k), c);
        }
        m.put("per_class", perClass);
        m.put("labels", labels);
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : confusion) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        m.put("confusion", rows);
        return m;
    }

    /** A human-readable table: per-class scores, then the confusion matrix (rows gold, columns predicted). */
    @Override
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "accuracy %.4f  macro-F1 %.4f  (%d examples)%n", accuracy(), macroF1(), total()));
        b.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s%n", "class", "precision", "recall", "f1"));
        for (int k = 0; k < labels.size(); k++) {
            b.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f%n", labels.get(k), precision(k), recall(k), f1(k)));
        }
        b.append("confusion (rows gold, columns predicted):\n");
        b.append(String.format(Locale.ROOT, "%-12s", ""));
        labels.forEach(l -> b.append(String.format(Locale.ROOT, " %8s", l)));
        b.append('\n');
        for (int g = 0; g < labels.size(); g++) {
            b.append(String.format(Locale.ROOT, "%-12s", labels.get(g)));
            for (long v : confusion[g]) {
                b.append(String.format(Locale.ROOT, " %8d", v));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
