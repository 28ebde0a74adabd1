package dev.rill.report;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart as SVG for an {@code <img>} in the page. A data URI rather than inline {@code <svg>}:
 * each image is its own document, so the clip-path ids that every XChart SVG repeats cannot clash,
 * and the page still needs no other file. XChart draws text as outlines, so the picture looks the
 * same without the fonts it was made with.
 *
 * @param svg    the SVG document
 * @param width  in pixels
 * @param height in pixels
 */
record SvgImage(String svg, int width, int height) {

    private static final Pattern PATH_DATA = Pattern.compile(" d=\"([^\"]*)\"");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    /** Renders a chart; needs no display ({@link RunReport} makes AWT headless first). */
    static SvgImage of(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new SvgImage(roundPaths(out.toString(StandardCharsets.UTF_8)), chart.getWidth(), chart.getHeight());
    }

    /**
     * Path coordinates to a tenth of a pixel. VectorGraphics2D writes them with up to nine
     * decimals, and the text outlines are most of a chart's size: this halves the page and changes
     * nothing visible, even zoomed in several times.
     */
    static String roundPaths(String svg) {
        Matcher path = PATH_DATA.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (path.find()) {
            Matcher n = DECIMAL.matcher(path.group(1));
            StringBuilder d = new StringBuilder();
            while (n.find()) {
                n.appendReplacement(d, tenths(Double.parseDouble(n.group())));
            }
            n.appendTail(d);
            path.appendReplacement(out, Matcher.quoteReplacement(" d=\"" + d + "\""));
        }
        path.appendTail(out);
        return out.toString();
    }

    private static String tenths(double v) {
        long t = Math.round(v * 10);
        String sign = t < 0 ? "-" : "";
        t = Math.abs(t);
        return t % 10 == 0 ? sign + t / 10 : sign + t / 10 + "." + t % 10;
    }

    String dataUri() {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
