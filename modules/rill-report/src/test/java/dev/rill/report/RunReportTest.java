package dev.rill.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {

    private static final Pattern IMAGE = Pattern.compile("<img alt=\"([^\"]*)\"[^>]*src=\"data:image/svg\\+xml;base64,([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void a_classifier_report_draws_curves_confusion_matrix_and_f1() throws IOException {
        Path run = RunFixtures.classifier(dir.resolve("run"));
        Path page = RunReport.write(run);
        assertEquals(run.resolve("report.html"), page);
        String html = Files.readString(page);

        assertEquals(List.of("training loss curve", "dev accuracy per epoch", "learning rate per epoch", "confusion matrix heatmap",
                "F1 per class"), plots(html));
        assertTrue(html.contains("<h2>Per-class scores (test split)</h2>"), html);
        // Labels and counts of the test confusion matrix, rows gold.
        assertTrue(html.contains("<tr><th class=\"key\">neutral</th><td style=\"background:rgba(107,174,214,0.24)\">40</td>"), html);
        assertTrue(html.contains(">509</td><td>558</td></tr>"), html);
        // Best epoch: in the dev curve's caption and marked in the epoch table.
        assertTrue(html.contains("best epoch 2 (the weights kept)"), html);
        assertTrue(html.contains("<tr class=\"best\"><td>2</td><td>0.3435</td><td>0.8530</td>"), html);
        // Final metrics per split: test accuracy 1022/1188, dev accuracy 742/872.
        assertTrue(html.contains("<tr><td class=\"key\">accuracy</td><td>" + String.format("%.4f", 742.0 / 872) + "</td><td>"
                + String.format("%.4f", 1022.0 / 1188) + "</td></tr>"), html);
        assertTrue(html.contains("training: best epoch 2, seconds 18.75"), html);
        // The config summary and resolved.yaml.
        assertTrue(html.contains("<details><summary>resolved.yaml"), html);
        assertTrue(html.contains("optimizer: {type: adam, learning_rate: 0.002}"), html);
        assertTrue(html.contains("finished after 3 epochs"), html);
        assertFalse(html.contains("Not in this report"), html);
    }

    @Test
    void every_plot_is_a_standalone_svg_and_the_page_fetches_nothing() throws IOException {
        String html = Files.readString(RunReport.write(RunFixtures.classifier(dir.resolve("run"))));
        Matcher m = IMAGE.matcher(html);
        int n = 0;
        while (m.find()) {
            String svg = new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
            assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.strip().endsWith("</svg>"), svg.substring(0, 200));
            assertTrue(svg.contains("<path"), "the chart draws something");
            assertFalse(Pattern.compile("\\d\\.\\d{2,}").matcher(pathData(svg)).find(), "path coordinates are rounded to tenths");
            n++;
        }
        assertEquals(5, n);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script") || html.contains("<link"), html);
    }

    @Test
    void a_tagger_report_escapes_tag_names_and_shows_entity_scores() throws IOException {
        String html = Files.readString(RunReport.write(RunFixtures.tagger(dir.resolve("run"))));
        assertEquals(List.of("training loss curve", "dev accuracy per epoch", "confusion matrix heatmap", "F1 per tag"), plots(html));
        assertTrue(html.contains("<h2>Per-tag scores (test split)</h2>"), html);
        assertTrue(html.contains("<th>&lt;X&amp;Y&gt;</th>"), html);
        assertFalse(html.contains("<X&Y>"), html);
        assertTrue(html.contains("<tr><td class=\"key\">entities.f1</td><td>0.6462</td></tr>"), html);
        assertTrue(html.contains("<tr><td class=\"key\">oov_tokens</td><td>50</td></tr>"), html);
    }

    @Test
    void a_language_model_report_draws_perplexity_and_escapes_the_samples() throws IOException {
        String html = Files.readString(RunReport.write(RunFixtures.languageModel(dir.resolve("run"))));
        assertEquals(List.of("training loss curve", "dev nats per token (lower is better) per epoch", "dev perplexity per epoch"), plots(html));
        assertTrue(html.contains("<h4>epoch 1</h4>"), html);
        assertTrue(html.contains("<li><pre class=\"sample\">the cat &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; sat</pre></li>"), html);
        assertTrue(html.contains("<li><pre class=\"sample\">epoch 2 text</pre></li>"), html);
        assertFalse(html.contains("<script"), html);
        // The dev metric as people read it: nats per token positive, perplexity alongside.
        assertTrue(html.contains("<tr class=\"best\"><td>2</td><td>2.0000</td><td>1.9000</td><td>" + String.format("%.4f", Math.exp(1.9)) + "</td>"), html);
        assertFalse(html.contains("Per-class"), html);
    }

    @Test
    void a_run_still_going_gets_a_report_of_what_it_has_logged() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("resolved.yaml"), "task: classification\ntraining:\n  epochs: 5\n");
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"kind":"step","epoch":1,"step":1,"loss":0.9}
                {"kind":"epoch","epoch":1,"train_loss":0.9,"dev_metric":"accuracy","dev_score":0.6}
                {"kind":"step","epoch":2,"step":2,"loss":0.7}
                {"kind":"epoch","epoch":2,"train_loss":0.7,"dev_metric":"accuracy","dev_score":0.7}
                {"kind":"step","epoch":3,"st""");
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("not finished: 2 of 5 epochs logged"), html);
        assertTrue(html.contains("metrics.jsonl: line 5 is incomplete (the run is still writing it) and is left out"), html);
        assertTrue(html.contains("metrics.json is missing (the run has not finished"), html);
        assertTrue(html.contains("best epoch 2 so far"), html);
        assertTrue(html.contains("<td class=\"key\">best so far</td>"), html);
        assertEquals(List.of("training loss curve", "dev accuracy per epoch"), plots(html));
        assertFalse(html.contains("<h2>Final metrics</h2>"), html);
    }

    @Test
    void a_run_without_dev_data_says_so_and_draws_no_dev_curve() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"kind":"epoch","epoch":1,"train_loss":0.9,"dev_metric":"accuracy","dev_score":null}
                {"kind":"epoch","epoch":2,"train_loss":0.5,"dev_metric":"accuracy","dev_score":null}
                {"kind":"final","best_epoch":null,"stopped_early":false}
                """);
        String html = Files.readString(RunReport.write(run));
        assertEquals(List.of("training loss curve"), plots(html));
        assertTrue(html.contains("No dev scores in metrics.jsonl (the run has no dev split)"), html);
        assertTrue(html.contains("resolved.yaml is missing: no configuration summary."), html);
        assertTrue(html.contains("Mean training loss per epoch."), "without step lines the loss is drawn per epoch");
        assertFalse(html.contains("class=\"best\""), html);
    }

    @Test
    void without_a_test_split_the_class_scores_come_from_dev() throws IOException {
        Path run = RunFixtures.classifier(dir.resolve("run"));
        String json = Files.readString(run.resolve("metrics.json"));
        var metrics = RunFixtures.JSON.readValue(json, java.util.LinkedHashMap.class);
        metrics.remove("test");
        Files.write(run.resolve("metrics.json"), RunFixtures.JSON.writeValueAsBytes(metrics));
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("<h2>Per-class scores (dev split)</h2>"), html);
        assertTrue(html.contains("No test split in metrics.json: the confusion matrix and per-class scores are from dev."), html);
        assertTrue(html.contains(">352</td><td>392</td></tr>"), "the dev counts: " + html);
    }

    @Test
    void a_resumed_run_that_logged_an_epoch_twice_shows_it_once() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"kind":"epoch","epoch":1,"train_loss":0.9,"dev_metric":"accuracy","dev_score":0.6}
                {"kind":"epoch","epoch":2,"train_loss":0.8,"dev_metric":"accuracy","dev_score":0.61}
                {"kind":"epoch","epoch":2,"train_loss":0.7,"dev_metric":"accuracy","dev_score":0.65}
                """);
        String html = Files.readString(RunReport.write(run));
        assertEquals(1, count(html, "<tr class=\"best\"><td>2</td>"), html);
        assertTrue(html.contains("<td>2</td><td>0.7000</td><td>0.6500</td>"), "the later line wins: " + html);
        assertFalse(html.contains("0.6100"), html);
    }

    @Test
    void a_malformed_metrics_line_is_an_error_naming_the_file_and_line() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"kind":"step","epoch":1,"step":1,"loss":0.9}
                {"kind":"epoch","epoch":1,"train_loss":0.9}
                {"kind":"step","epoch":1,"step":2,"loss":0.9,,}
                {"kind":"final","best_epoch":1}
                """);
        ReportException e = assertThrows(ReportException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().startsWith(run.resolve("metrics.jsonl") + ":3: not a JSON object"), e.getMessage());
        assertFalse(Files.exists(run.resolve("report.html")), "no page is written");
    }

    @Test
    void a_line_with_a_field_of_the_wrong_type_names_the_field() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":\"low\"}\n");
        ReportException e = assertThrows(ReportException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().startsWith(run.resolve("metrics.jsonl") + ":1: field 'loss' must be a number, got \"low\""), e.getMessage());
    }

    @Test
    void a_diverged_loss_is_left_out_of_the_curve_with_a_note() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"kind":"step","epoch":1,"step":1,"loss":0.9}
                {"kind":"step","epoch":1,"step":2,"loss":"NaN"}
                {"kind":"epoch","epoch":1,"train_loss":"NaN"}
                """);
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("1 logged minibatch losses are not finite"), html);
        assertEquals(List.of("training loss curve"), plots(html));
    }

    @Test
    void a_folder_that_is_not_a_run_directory_is_an_error_saying_what_to_give() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ReportException e = assertThrows(ReportException.class, () -> RunReport.write(empty));
        assertTrue(e.getMessage().contains(empty + ": not a run directory (it has no metrics.jsonl, metrics.json or resolved.yaml)"), e.getMessage());
        ReportException missing = assertThrows(ReportException.class, () -> RunReport.write(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope: no such directory"), missing.getMessage());
    }

    @Test
    void malformed_metrics_json_is_an_error_with_line_and_column() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.json"), "{\n  \"test\": {\"accuracy\": 0.5,}\n}\n");
        ReportException e = assertThrows(ReportException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().startsWith(run.resolve("metrics.json") + ":2:"), e.getMessage());
    }

    @Test
    void malformed_resolved_yaml_is_an_error_with_line_and_column() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("resolved.yaml"), "task: classification\ndata:\n  corpus: [sst2\n");
        ReportException e = assertThrows(ReportException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().matches("\\Q" + run.resolve("resolved.yaml") + "\\E:\\d+:\\d+: not valid YAML .*"), e.getMessage());
    }

    @Test
    void rewriting_replaces_the_page_and_leaves_no_temporary_file() throws IOException {
        Path run = RunFixtures.tagger(dir.resolve("run"));
        RunReport.write(run);
        Files.writeString(run.resolve("metrics.jsonl"), "{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5}\n");
        String html = Files.readString(RunReport.write(run));
        assertFalse(html.contains("dev accuracy per epoch"), "the page reflects the new log");
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of("metrics.json", "metrics.jsonl", "report.html", "resolved.yaml"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The alt texts of the page's plots, in order. */
    static List<String> plots(String html) {
        List<String> alts = new ArrayList<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            alts.add(m.group(1));
        }
        return alts;
    }

    private static String pathData(String svg) {
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile(" d=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            b.append(m.group(1)).append(' ');
        }
        return b.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
