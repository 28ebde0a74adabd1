package dev.rill.cli;

import dev.rill.inspect.GradientDiagnostics;
import dev.rill.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

/** The gradient curves as a chart: PNG, or SVG when the file name ends in {@code .svg}; the y axis is logarithmic. */
final class GradientPlot {

    private GradientPlot() {
    }

    static void write(GradientDiagnostics.Result result, String title, Path file) throws IOException {
        // No display is needed to render; without this AWT may look for one.
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("k (steps back from the last step)").yAxisTitle("||dL/dx_{t-k}|| / ||dL/dx_t||").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        double[] ks = IntStream.rangeClosed(0, result.lag()).asDoubleStream().toArray();
        for (GradientDiagnostics.Curve c : result.curves()) {
            double[] ratios = IntStream.rangeClosed(0, result.lag()).mapToDouble(k -> positive(c.ratio(k))).toArray();
            XYSeries s = chart.addSeries(c.name(), ks, ratios);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            if (c == result.curves().get(0)) {
                // The configured cells usually coincide with one of the replacements: a wide dashed line stays visible under it.
                s.setLineStyle(new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f));
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            AtomicFiles.write(file, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } else {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        }
    }

    /** A log axis cannot show 0 or NaN (a gradient that underflowed): they are drawn at the float minimum. */
    private static double positive(double v) {
        return v > 0 && Double.isFinite(v) ? v : Float.MIN_NORMAL;
    }
}
