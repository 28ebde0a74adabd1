package dev.rill.report;

import org.knowm.xchart.CategoryChart;

import java.util.List;

import static dev.rill.report.Html.escape;

/** Language models: dev perplexity per epoch and the text generated after each epoch. */
final class SamplesSection {

    private SamplesSection() {
    }

    static void append(StringBuilder b, RunData run) {
        List<EpochPoint> epochs = run.epochs();
        RunData.BestEpoch best = run.bestEpoch();
        CategoryChart perplexity = Charts.perEpoch(epochs, new Charts.EpochValue("dev perplexity", EpochPoint::devPerplexity),
                best == null ? null : best.epoch());
        boolean samples = epochs.stream().anyMatch(e -> !e.samples().isEmpty());
        if (perplexity == null && !samples) {
            return;
        }
        b.append("<h2>Language model</h2>\n");
        if (perplexity != null) {
            b.append("<div class=\"plots\">\n").append(Html.figure(SvgImage.of(perplexity), "dev perplexity per epoch",
                    "Dev perplexity (e to the nats per token) after each epoch; lower is better.")).append("</div>\n");
        }
        if (samples) {
            b.append("<h3>Samples after each epoch</h3>\n");
            for (EpochPoint e : epochs) {
                if (e.samples().isEmpty()) {
                    continue;
                }
                b.append("<h4>epoch ").append(e.epoch()).append("</h4>\n<ol>\n");
                e.samples().forEach(s -> b.append("<li><pre class=\"sample\">").append(escape(s)).append("</pre></li>\n"));
                b.append("</ol>\n");
            }
        }
    }
}
