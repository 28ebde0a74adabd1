package dev.rill.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.rill.report.Html.escape;

/**
 * The page: header, what is missing, config, final metrics, then the sections that draw
 * ({@link CurvesSection}, {@link ClassScoresSection}, {@link SamplesSection}). Every text that
 * comes from the run goes through {@link Html#escape}.
 */
final class ReportPage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#222}
            h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
            h3{font-size:1em}.meta{color:#555;margin-top:0}
            .notes{background:#fff8e1;border:1px solid #f0d890;padding:8px 16px;border-radius:4px}
            table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f5f5f5}td.key,th.key{text-align:left}tr.best td{background:#fde8e8;font-weight:600}
            .plots{display:flex;flex-wrap:wrap;gap:16px}figure.plot{margin:0}figure.plot img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em;max-width:560px}
            pre{background:#f7f7f7;padding:8px;overflow-x:auto}pre.sample{white-space:pre-wrap;margin:4px 0}
            table.confusion td{min-width:2.5em}
            """;

    private ReportPage() {
    }

    static String html(RunData run) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String name = run.dir().toAbsolutePath().normalize().getFileName() == null ? run.dir().toString()
                : run.dir().toAbsolutePath().normalize().getFileName().toString();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rill run ").append(escape(name)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Rill run: ").append(escape(name)).append("</h1>\n");
        b.append("<p class=\"meta\">").append(escape(run.dir().toAbsolutePath().normalize().toString()))
                .append(" &middot; task: ").append(escape(run.task().yamlName))
                .append(" &middot; ").append(escape(status(run))).append("</p>\n");
        List<String> notes = notes(run);
        if (!notes.isEmpty()) {
            b.append("<div class=\"notes\"><p>Not in this report:</p><ul>\n");
            notes.forEach(n -> b.append("<li>").append(escape(n)).append("</li>\n"));
            b.append("</ul></div>\n");
        }
        config(b, run);
        finalMetrics(b, run);
        CurvesSection.append(b, run);
        if (run.task() == TaskKind.CLASSIFIER || run.task() == TaskKind.TAGGER) {
            ClassScoresSection.append(b, run);
        }
        if (run.task() == TaskKind.LANGUAGE_MODEL) {
            SamplesSection.append(b, run);
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** Finished (how), or how far a run still going has got. */
    static String status(RunData run) {
        int logged = run.epochs().size();
        String epochs = logged + (logged == 1 ? " epoch" : " epochs");
        if (run.log() != null && run.log().finished()) {
            return "finished after " + epochs + (run.log().stoppedEarly() ? " (stopped early)" : "");
        }
        if (run.hasMetrics()) {
            return "finished";
        }
        Object planned = section(run.config(), "training").get("epochs");
        return "not finished: " + (planned == null ? epochs : logged + " of " + planned + " epochs") + " logged";
    }

    /** What the reader will not find on the page, and why. */
    static List<String> notes(RunData run) {
        List<String> notes = new ArrayList<>();
        if (run.log() == null) {
            notes.add(RunReader.LOG + " is missing: no training curves (a run directory from before metrics.jsonl has only metrics.json).");
        } else {
            notes.addAll(run.log().notes());
            long nonFinite = run.steps().stream().filter(s -> !Double.isFinite(s.loss())).count();
            if (nonFinite > 0) {
                notes.add(nonFinite + " logged minibatch losses are not finite (the training diverged) and are left out of the loss curve.");
            }
            if (!run.epochs().isEmpty() && run.epochs().stream().allMatch(e -> e.devScore() == null)) {
                notes.add("No dev scores in " + RunReader.LOG + " (the run has no dev split): no dev curve and no best epoch.");
            }
        }
        if (!run.hasMetrics()) {
            notes.add(RunReader.METRICS + " is missing (the run has not finished, or stopped before its final evaluation): no final metrics"
                    + (run.task() == TaskKind.CLASSIFIER || run.task() == TaskKind.TAGGER ? ", confusion matrix or per-class scores." : "."));
        } else if (run.splits().isEmpty()) {
            notes.add(RunReader.METRICS + " has no evaluated split (no dev or test data).");
        } else if (run.split("test").isEmpty() && (run.task() == TaskKind.CLASSIFIER || run.task() == TaskKind.TAGGER)) {
            notes.add("No test split in " + RunReader.METRICS + ": the confusion matrix and per-class scores are from "
                    + (run.split("dev").isPresent() ? "dev." : "the first split there is."));
        }
        if (run.resolvedYaml() == null) {
            notes.add(RunReader.RESOLVED + " is missing: no configuration summary.");
        }
        return notes;
    }

    private static void config(StringBuilder b, RunData run) {
        if (run.resolvedYaml() == null) {
            return;
        }
        b.append("<h2>Configuration</h2>\n<table>\n");
        run.config().forEach((key, value) ->
                b.append("<tr><th class=\"key\">").append(escape(key)).append("</th><td class=\"key\">")
                        .append(escape(value instanceof Map<?, ?> m ? inlineEntries(m) : inline(value))).append("</td></tr>\n"));
        b.append("</table>\n<details><summary>").append(RunReader.RESOLVED).append(" (every default filled in)</summary>\n<pre>")
                .append(escape(run.resolvedYaml())).append("</pre></details>\n");
    }

    private static void finalMetrics(StringBuilder b, RunData run) {
        List<SplitScores> splits = run.splits();
        Map<?, ?> training = run.training();
        if (splits.isEmpty() && training.isEmpty()) {
            return;
        }
        b.append("<h2>Final metrics</h2>\n");
        if (!splits.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            splits.forEach(s -> names.addAll(s.scalars().keySet()));
            b.append("<table>\n<tr><th class=\"key\">metric</th>");
            splits.forEach(s -> b.append("<th>").append(escape(s.name())).append("</th>"));
            b.append("</tr>\n");
            for (String metric : names) {
                b.append("<tr><td class=\"key\">").append(escape(metric)).append("</td>");
                splits.forEach(s -> b.append("<td>").append(Html.number(s.scalars().get(metric))).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        training.forEach((k, v) -> {
            if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                facts.put(String.valueOf(k), v);
            }
        });
        if (!facts.isEmpty()) {
            b.append("<p>training: ");
            List<String> parts = new ArrayList<>();
            facts.forEach((k, v) -> parts.add(escape(k.replace('_', ' ')) + " " + escape(v instanceof Number n ? Html.number(n) : String.valueOf(v))));
            b.append(String.join(", ", parts)).append("</p>\n");
        }
    }

    /** A config section's map on one line: {@code key value, key value, ...}. */
    private static String inlineEntries(Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + ": " + inline(v)));
        return String.join(", ", parts);
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?> m) {
            return "{" + inlineEntries(m) + "}";
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(ReportPage::inline).toList()) + "]";
        }
        return String.valueOf(v);
    }

    static Map<?, ?> section(Map<String, Object> config, String name) {
        return config.get(name) instanceof Map<?, ?> m ? m : Map.of();
    }
}
