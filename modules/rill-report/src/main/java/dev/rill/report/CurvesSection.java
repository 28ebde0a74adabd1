package dev.rill.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.List;
import java.util.Objects;

import static dev.rill.report.Html.escape;

/** Training curves from metrics.jsonl: loss, dev metric, learning rate, and the epoch table. */
final class CurvesSection {

    private CurvesSection() {
    }

    static void append(StringBuilder b, RunData run) {
        List<EpochPoint> epochs = run.epochs();
        if (run.steps().isEmpty() && epochs.isEmpty()) {
            return;
        }
        RunData.BestEpoch best = run.bestEpoch();
        Integer bestEpoch = best == null ? null : best.epoch();
        b.append("<h2>Training</h2>\n<div class=\"plots\">\n");
        Chart<?, ?> loss = Charts.loss(run.steps(), epochs);
        if (loss != null) {
            b.append(Html.figure(SvgImage.of(loss), "training loss curve", run.steps().isEmpty()
                    ? "Mean training loss per epoch."
                    : "Training loss: minibatch loss every logged step, and each epoch's mean at its last step."));
        }
        Charts.EpochValue dev = devValue(epochs);
        CategoryChart devChart = Charts.perEpoch(epochs, dev, bestEpoch);
        if (devChart != null) {
            b.append(Html.figure(SvgImage.of(devChart), dev.label() + " per epoch", dev.label() + " after each epoch"
                    + (best == null ? "." : "; best epoch " + best.epoch() + (best.chosen() ? " (the weights kept)." : " so far."))));
        }
        // A constant learning rate is one number (it is in the epoch table): drawn only when a schedule changed it.
        if (epochs.stream().map(EpochPoint::lr).filter(Objects::nonNull).distinct().count() > 1) {
            CategoryChart lr = Charts.perEpoch(epochs, new Charts.EpochValue("learning rate", EpochPoint::lr), null);
            if (lr != null) {
                b.append(Html.figure(SvgImage.of(lr), "learning rate per epoch", "Learning rate at the end of each epoch."));
            }
        }
        b.append("</div>\n");
        epochTable(b, epochs, best, dev);
    }

    /**
     * The dev metric as people read it: the score as logged, except for language models, whose
     * score is the negative nats per token (so that higher is better everywhere): shown positive.
     */
    static Charts.EpochValue devValue(List<EpochPoint> epochs) {
        String metric = epochs.stream().map(EpochPoint::devMetric).filter(Objects::nonNull).findFirst().orElse("score");
        if (metric.equals("nats_per_token")) {
            return new Charts.EpochValue("dev nats per token (lower is better)", e -> e.devScore() == null ? null : -e.devScore());
        }
        return new Charts.EpochValue("dev " + metric, EpochPoint::devScore);
    }

    private static void epochTable(StringBuilder b, List<EpochPoint> epochs, RunData.BestEpoch best, Charts.EpochValue dev) {
        if (epochs.isEmpty()) {
            return;
        }
        boolean perplexity = epochs.stream().anyMatch(e -> e.devPerplexity() != null);
        b.append("<table class=\"epochs\">\n<tr><th>epoch</th><th>train loss</th><th>").append(escape(dev.label())).append("</th>");
        if (perplexity) {
            b.append("<th>dev perplexity</th>");
        }
        b.append("<th>learning rate</th><th>seconds</th><th>tokens/s</th><th class=\"key\"></th></tr>\n");
        for (EpochPoint e : epochs) {
            boolean isBest = best != null && best.epoch() == e.epoch();
            b.append(isBest ? "<tr class=\"best\">" : "<tr>")
                    .append("<td>").append(e.epoch()).append("</td>")
                    .append("<td>").append(Html.number(e.trainLoss())).append("</td>")
                    .append("<td>").append(Html.number(dev.of(e))).append("</td>");
            if (perplexity) {
                b.append("<td>").append(Html.number(e.devPerplexity())).append("</td>");
            }
            b.append("<td>").append(Html.number(e.lr())).append("</td>")
                    .append("<td>").append(Html.fixed(e.seconds(), 1)).append("</td>")
                    .append("<td>").append(Html.fixed(e.tokensPerS(), 0)).append("</td>")
                    .append("<td class=\"key\">").append(isBest ? (best.chosen() ? "best epoch" : "best so far") : "").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }
}
