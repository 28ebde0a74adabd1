package dev.rill.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.rill.report.Html.escape;

/**
 * Classifiers and taggers: the confusion matrix and per-class (per-tag) F1 of the test split, or
 * of dev when there is no test split, as charts and as tables with the counts.
 */
final class ClassScoresSection {

    private ClassScoresSection() {
    }

    static void append(StringBuilder b, RunData run) {
        SplitScores split = run.split("test").or(() -> run.split("dev"))
                .orElse(run.splits().isEmpty() ? null : run.splits().get(0));
        if (split == null) {
            return;
        }
        String what = run.task() == TaskKind.TAGGER ? "tag" : "class";
        b.append("<h2>Per-").append(what).append(" scores (").append(escape(split.name())).append(" split)</h2>\n<div class=\"plots\">\n");
        List<String> labels = split.labels();
        long[][] confusion = split.confusion();
        if (confusion != null) {
            b.append(Html.figure(SvgImage.of(Charts.confusion(labels, confusion)), "confusion matrix heatmap",
                    "Confusion matrix on " + split.name() + ": rows gold, columns predicted; colour and percentage are the share of the gold "
                            + what + " (each row adds up to 100%). Counts in the table below."));
        }
        Map<String, Map<?, ?>> perClass = split.perClass();
        List<String> names = new ArrayList<>();
        List<Double> f1 = new ArrayList<>();
        perClass.forEach((name, scores) -> {
            if (scores.get("f1") instanceof Number x && Double.isFinite(x.doubleValue())) {
                names.add(name);
                f1.add(x.doubleValue());
            }
        });
        if (!names.isEmpty()) {
            b.append(Html.figure(SvgImage.of(Charts.f1(names, f1)), "F1 per " + what,
                    "F1 per " + what + " on " + split.name() + (split.raw().get("macro_f1") instanceof Number m
                            ? "; macro-F1 " + Html.number(m) + "." : ".")));
        }
        b.append("</div>\n");
        if (confusion != null) {
            confusionTable(b, labels, confusion, labels.size() <= 20);
        }
        if (!perClass.isEmpty()) {
            scoreTable(b, what, perClass);
        }
    }

    /** Counts, each cell shaded by its share of the gold row as in the heatmap. */
    private static void confusionTable(StringBuilder b, List<String> labels, long[][] counts, boolean open) {
        b.append("<details").append(open ? " open" : "").append("><summary>Confusion counts (rows gold, columns predicted)</summary>\n")
                .append("<table class=\"confusion\">\n<tr><th class=\"key\">gold \\ predicted</th>");
        labels.forEach(l -> b.append("<th>").append(escape(l)).append("</th>"));
        b.append("<th>total</th></tr>\n");
        for (int g = 0; g < labels.size(); g++) {
            long total = 0;
            for (long c : counts[g]) {
                total += c;
            }
            b.append("<tr><th class=\"key\">").append(escape(labels.get(g))).append("</th>");
            for (int p = 0; p < labels.size(); p++) {
                double share = total == 0 ? 0 : (double) counts[g][p] / total;
                b.append(String.format(Locale.ROOT, "<td style=\"background:rgba(107,174,214,%.2f)%s\">", share, g == p ? ";font-weight:600" : ""))
                        .append(counts[g][p]).append("</td>");
            }
            b.append("<td>").append(total).append("</td></tr>\n");
        }
        b.append("</table></details>\n");
    }

    private static void scoreTable(StringBuilder b, String what, Map<String, Map<?, ?>> perClass) {
        b.append("<details").append(perClass.size() <= 20 ? " open" : "").append("><summary>Precision, recall, F1 per ").append(what)
                .append("</summary>\n<table>\n<tr><th class=\"key\">").append(what).append("</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
        perClass.forEach((name, s) -> b.append("<tr><td class=\"key\">").append(escape(name)).append("</td>")
                .append("<td>").append(Html.number(num(s.get("precision")))).append("</td>")
                .append("<td>").append(Html.number(num(s.get("recall")))).append("</td>")
                .append("<td>").append(Html.number(num(s.get("f1")))).append("</td>")
                .append("<td>").append(Html.number(num(s.get("support")))).append("</td></tr>\n"));
        b.append("</table></details>\n");
    }

    private static Number num(Object v) {
        return v instanceof Number n ? n : null;
    }
}
