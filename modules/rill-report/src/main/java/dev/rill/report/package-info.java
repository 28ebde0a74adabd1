/**
 * {@code report.html} for a run directory: {@link dev.rill.report.RunReader} reads what the run wrote
 * ({@code metrics.jsonl}, {@code metrics.json}, {@code resolved.yaml}), {@link dev.rill.report.Charts}
 * draws the curves, the confusion matrix and the per-class F1 with XChart, {@link dev.rill.report.SvgImage}
 * turns each chart into an SVG data URI, and {@link dev.rill.report.RunReport} puts it all on one
 * self-contained page. Only the run's files are read, never the bundle, so a report can be made while
 * a run is still going and without the training stack.
 */
package dev.rill.report;
