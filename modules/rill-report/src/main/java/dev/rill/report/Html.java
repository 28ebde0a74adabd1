package dev.rill.report;

import java.util.Locale;

/** HTML text escaping and number formatting for the report. */
final class Html {

    private Html() {
    }

    /** Text safe in element content and in double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A value from the run's JSON for a table: whole-number types (counts) as they are, decimals
     * with four places, or two and one for large ones (perplexity, seconds), and tiny ones (learning
     * rates) with three significant digits; empty for none.
     */
    static String number(Number n) {
        if (n == null) {
            return "";
        }
        return n instanceof Double || n instanceof Float ? decimal(n.doubleValue()) : n.toString();
    }

    /** A decimal as {@link #number} writes it. */
    static String decimal(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : Math.abs(v) >= 10 ? "%.2f" : "%.4f", v);
    }

    /** A measurement (seconds, tokens per second) with a fixed number of decimals; empty for none. */
    static String fixed(Double v, int decimals) {
        return v == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A chart as a figure: the SVG as a data URI, a text alternative, a caption. */
    static String figure(SvgImage image, String alt, String caption) {
        return "<figure class=\"plot\"><img alt=\"" + escape(alt) + "\" width=\"" + image.width() + "\" height=\"" + image.height()
                + "\" src=\"" + image.dataUri() + "\"><figcaption>" + escape(caption) + "</figcaption></figure>\n";
    }
}
