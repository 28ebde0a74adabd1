package dev.rill.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
    private static final Color LIGHT = new Color(0x9ecae1);
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
     * training loss at the epoch's last logged step. Without step lines, the epoch means per epoch.
     */
    static Chart<?, ?> loss(List<StepPoint> steps, List<EpochPoint> epochs) {
        if (steps.isEmpty()) {
            return perEpoch(epochs, new EpochValue("mean train loss", EpochPoint::trainLoss), null);
        }
        List<StepPoint> finiteSteps = steps.stream().filter(s -> Double.isFinite(s.loss())).toList();
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        for (EpochPoint e : epochs) {
            if (e.trainLoss() != null && Double.isFinite(e.trainLoss())) {
                steps.stream().filter(s -> s.epoch() == e.epoch()).mapToLong(StepPoint::step).max().ifPresent(last -> {
                    ex.add((double) last);
                    ey.add(e.trainLoss());
                });
            }
        }
        if (finiteSteps.isEmpty() && ex.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChart(WIDE, HIGH);
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("loss");
        XYStyler styler = chart.getStyler();
        base(styler);
        styler.setMarkerSize(7);
        // The epoch means go first. When the x values of the series, taken in the order they were added,
        // are equally spaced (steps logged every log_every minibatches are), XChart puts a tick on every
        // n-th data point and its labels run together (1 31 61 91 ...); the epoch ends first break that
        // pattern, and the axis gets round numbers.
        if (!ex.isEmpty()) {
            XYSeries s = chart.addSeries("epoch mean train loss", ex, ey);
            s.setLineColor(SECOND);
            s.setMarkerColor(SECOND);
            s.setMarker(SeriesMarkers.SQUARE);
        }
        if (!finiteSteps.isEmpty()) {
            XYSeries s = chart.addSeries("minibatch loss", finiteSteps.stream().map(p -> (double) p.step()).toList(),
                    finiteSteps.stream().map(StepPoint::loss).toList());
            // Many noisy points: a thin light line, so the epoch means drawn under it still show.
            boolean dense = finiteSteps.size() > 40;
            s.setLineColor(dense ? LIGHT : LINE);
            s.setMarkerColor(LINE);
            s.setMarker(dense ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (dense) {
                s.setLineWidth(1f);
            }
        }
        List<Double> ys = new ArrayList<>(ey);
        finiteSteps.forEach(p -> ys.add(p.loss()));
        padY(styler, ys);
        return chart;
    }

    /**
     * One value per epoch, with the best epoch marked; {@code null} when no epoch has a finite
     * value. Epochs are categories rather than numbers: each gets its own tick label, and the first
     * and last points sit inside the plot (a numeric axis puts ticks between whole epochs).
     */
    static CategoryChart perEpoch(List<EpochPoint> epochs, EpochValue value, Integer bestEpoch) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> bestOnly = new ArrayList<>();
        Double bestY = null;
        for (EpochPoint e : epochs) {
            Double v = value.of(e);
            if (v != null && Double.isFinite(v)) {
                x.add(e.epoch());
                y.add(v);
                boolean best = bestEpoch != null && e.epoch() == bestEpoch;
                bestOnly.add(best ? v : null);
                if (best) {
                    bestY = v;
                }
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChart(WIDE, HIGH);
        chart.setXAxisTitle("epoch");
        chart.setYAxisTitle(value.label());
        CategoryStyler styler = chart.getStyler();
        base(styler);
        styler.setMarkerSize(7);
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        styler.setOverlapped(true); // the best-epoch marker on its point, not beside it
        styler.setXAxisMaxLabelCount(20);
        styler.setPlotGridVerticalLinesVisible(false);
        CategorySeries s = chart.addSeries(value.label(), x, y);
        s.setLineColor(LINE);
        s.setMarkerColor(LINE);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (bestY != null) {
            CategorySeries best = chart.addSeries(String.format(Locale.ROOT, "best epoch %d (%s)", bestEpoch, Html.decimal(bestY)), x, bestOnly);
            best.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Stick);
            best.setLineColor(BEST);
            best.setMarker(SeriesMarkers.DIAMOND);
            best.setMarkerColor(BEST);
        }
        padY(styler, y);
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
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
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

    /**
     * A y range a little wider than the data. XChart puts the ticks of a tight range only at its
     * two ends (two epochs give an axis with two labels), and a flat line would sit on the border.
     */
    private static void padY(AxesChartStyler styler, List<Double> ys) {
        double min = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = ys.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, 1e-6);
        styler.setYAxisMin(min - pad);
        styler.setYAxisMax(max + pad);
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
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: never over a line
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setYAxisDecimalPattern("0.####");
    }
}
