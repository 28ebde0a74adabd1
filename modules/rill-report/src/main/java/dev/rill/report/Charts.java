package dev.rill.report;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report's charts, built with XChart. Each method takes plain numbers and returns a chart, or
 * {@code null} when there is nothing to draw; rendering is {@link SvgImage}'s job. Non-finite
 * values (a diverged loss) are left out of the lines.
 */
final class Charts {

    static final int WIDE = 560;
    static final int HIGH = 340;

    private static final Color LINE = new Color(0x1f77b4);
    private static final Color SECOND = new Color(0xff7f0e);
    private static final Color BEST = new Color(0xd62728);
    private static final Color GRID = new Color(0xe3e3e3);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLES = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Confusion colours: white for no examples, dark enough at 100% that black counts stay readable. */
    private static final Color[] HEAT = {Color.WHITE, new Color(0xc6dbef), new Color(0x6baed6)};

    private Charts() {
    }

    /**
     * Training loss against the global step: the logged minibatch losses, and each epoch's mean
     * training loss at the epoch's last logged step. Without step lines, the epoch losses against
     * the epoch.
     */
    static XYChart loss(List<StepPoint> steps, List<EpochPoint> epochs) {
        List<StepPoint> finiteSteps = steps.stream().filter(s -> Double.isFinite(s.loss())).toList();
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        for (EpochPoint e : epochs) {
            if (e.trainLoss() == null || !Double.isFinite(e.trainLoss())) {
                continue;
            }
            if (steps.isEmpty()) {
                ex.add((double) e.epoch());
                ey.add(e.trainLoss());
            } else {
                steps.stream().filter(s -> s.epoch() == e.epoch()).mapToLong(StepPoint::step).max().ifPresent(last -> {
                    ex.add((double) last);
                    ey.add(e.trainLoss());
                });
            }
        }
        if (finiteSteps.isEmpty() && ex.isEmpty()) {
            return null;
        }
        XYChart chart = xy(steps.isEmpty() ? "epoch" : "step", "loss");
        if (!finiteSteps.isEmpty()) {
            XYSeries s = chart.addSeries("minibatch loss", finiteSteps.stream().map(p -> (double) p.step()).toList(),
                    finiteSteps.stream().map(StepPoint::loss).toList());
            color(s, LINE);
            s.setMarker(finiteSteps.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        if (!ex.isEmpty()) {
            XYSeries s = chart.addSeries("epoch mean train loss", ex, ey);
            color(s, SECOND);
            s.setMarker(SeriesMarkers.SQUARE);
        }
        List<Double> ys = new ArrayList<>(ey);
        finiteSteps.forEach(p -> ys.add(p.loss()));
        padY(chart, ys);
        if (steps.isEmpty()) {
            wholeNumberTicks(chart);
        }
        return chart;
    }

    /** One value per epoch, with the best epoch marked; {@code null} when no epoch has a finite value. */
    static XYChart perEpoch(List<EpochPoint> epochs, EpochValue value, Integer bestEpoch) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        Double bestY = null;
        for (EpochPoint e : epochs) {
            Double v = value.of(e);
            if (v != null && Double.isFinite(v)) {
                x.add((double) e.epoch());
                y.add(v);
                if (bestEpoch != null && e.epoch() == bestEpoch) {
                    bestY = v;
                }
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        XYChart chart = xy("epoch", value.label());
        XYSeries s = chart.addSeries(value.label(), x, y);
        color(s, LINE);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (bestY != null) {
            XYSeries best = chart.addSeries(String.format(Locale.ROOT, "best epoch %d (%s)", bestEpoch, Html.decimal(bestY)),
                    List.of((double) bestEpoch), List.of(bestY));
            best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            best.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(BEST);
            AnnotationLine line = new AnnotationLine(bestEpoch, true, false);
            chart.addAnnotation(line);
            chart.getStyler().setAnnotationLineColor(BEST);
            chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        }
        padY(chart, y);
        wholeNumberTicks(chart);
        return chart;
    }

    /**
     * Confusion matrix: rows gold (first label on top), columns predicted; colour is the share of
     * the gold row (so rare classes are as visible as common ones), and each cell shows it as a
     * percentage when the matrix is small enough to read. Counts go in the page's table.
     */
    static HeatMapChart confusion(List<String> labels, long[][] counts) {
        int n = labels.size();
        int side = Math.min(900, Math.max(360, 140 + 34 * n));
        // The theme matters: the plain (width, height) constructor leaves the styler without fonts, and no axes are drawn.
        HeatMapChart chart = new HeatMapChart(side + 110, side, Styler.ChartTheme.XChart);
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("gold");
        var styler = chart.getStyler();
        base(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPlotContentSize(1);
        styler.setRangeColors(HEAT);
        styler.setShowValue(n <= 20);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n <= 10 ? 12 : 9));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0%");
        styler.setDrawBorder(false);
        styler.setPlotGridLinesVisible(false);
        styler.setXAxisLabelRotation(n > 8 ? 90 : 0);
        List<String> rowsTopDown = new ArrayList<>(labels);
        Collections.reverse(rowsTopDown);
        List<Number[]> cells = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            long total = 0;
            for (long c : counts[g]) {
                total += c;
            }
            for (int p = 0; p < n; p++) {
                double share = total == 0 ? 0 : (double) counts[g][p] / total;
                cells.add(new Number[] {p, n - 1 - g, share});
            }
        }
        HeatMapSeries series = chart.addSeries("share of gold row", labels, rowsTopDown, cells);
        series.setMin(0); // a fixed scale: 100% always looks the same, whatever the matrix
        series.setMax(1);
        return chart;
    }

    /** F1 per class or tag, as bars on a 0..1 axis. */
    static CategoryChart f1(List<String> labels, List<Double> f1) {
        int n = labels.size();
        CategoryChart chart = new CategoryChart(Math.min(1100, Math.max(WIDE, 120 + 22 * n)), HIGH);
        chart.setXAxisTitle(null);
        chart.setYAxisTitle("F1");
        var styler = chart.getStyler();
        base(styler);
        styler.setLegendVisible(false);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setSeriesColors(new Color[] {LINE});
        styler.setXAxisLabelRotation(n > 8 ? 90 : 0);
        styler.setLabelsVisible(n <= 12);
        styler.setLabelsFont(TICKS);
        styler.setLabelsPosition(0.9);
        styler.setYAxisDecimalPattern("0.00"); // also the pattern of the labels on the bars
        styler.setPlotGridVerticalLinesVisible(false);
        chart.addSeries("F1", labels, f1);
        return chart;
    }

    /**
     * What {@link #perEpoch} draws from an epoch line, and what to call it.
     *
     * @param label axis title and legend name
     * @param value the value of an epoch line, {@code null} when it has none
     */
    record EpochValue(String label, Function<EpochPoint, Double> value) {

        Double of(EpochPoint e) {
            return value.apply(e);
        }
    }

    private static XYChart xy(String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDE, HIGH);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var styler = chart.getStyler();
        base(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: never over a line
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(7);
        styler.setYAxisDecimalPattern("0.####");
        return chart;
    }

    /**
     * A y range a little wider than the data. XChart puts the ticks of a tight range only at its
     * two ends (two epochs give an axis with two labels), and a flat line would sit on the border.
     */
    private static void padY(XYChart chart, List<Double> ys) {
        double min = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = ys.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, 1e-6);
        chart.getStyler().setYAxisMin(min - pad);
        chart.getStyler().setYAxisMax(max + pad);
    }

    private static void color(XYSeries s, Color c) {
        s.setLineColor(c);
        s.setMarkerColor(c);
    }

    private static void base(AxesChartStyler styler) {
        styler.setChartTitleVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0xb0b0b0));
        styler.setPlotGridLinesColor(GRID);
        styler.setLegendBorderColor(new Color(0xd0d0d0));
        styler.setAxisTickLabelsFont(TICKS);
        styler.setAxisTitleFont(TITLES);
        styler.setLegendFont(TICKS);
        styler.setAxisTicksMarksVisible(true);
    }

    /** Epochs are whole numbers: label only the ticks that fall on one. */
    private static void wholeNumberTicks(XYChart chart) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                v -> Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : "");
    }
}
