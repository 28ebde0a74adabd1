package dev.rill.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report as a person sees it: headless Chromium (Debian's package, installed by
 * {@code .ci/setup-browser}) takes a screenshot of a classifier's report, and the plots must be in
 * it in their own colours. Skipped only where Chromium is missing, and never on CI.
 */
class ReportRendersInChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 2400;

    @TempDir
    Path dir;

    @Test
    void the_report_renders_its_plots_in_headless_chromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM) && System.getenv("CI") != null) {
            fail(CHROMIUM + " is missing on CI: .ci/run must run .ci/setup-browser before the tests");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: run .ci/setup-browser (installs Debian's chromium) to check the report renders");
        Path page = RunReport.write(RunFixtures.classifier(dir.resolve("run")));
        Path png = screenshot(page);

        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(WIDTH, shot.getWidth());
        assertEquals(HEIGHT, shot.getHeight());
        // Only the charts use these colours (the page's own styles do not): the series blue fills the F1
        // bars and draws the curves; the best-epoch red is the diamond and the dashed line on the dev curve.
        int seriesBlue = count(shot, 0x1f77b4);
        int bestRed = count(shot, 0xd62728);
        assertTrue(seriesBlue > 20_000, "F1 bars and curves drawn: " + seriesBlue + " pixels of the series colour");
        assertTrue(bestRed > 30, "best-epoch marker drawn: " + bestRed + " pixels of its colour");
        assertTrue(distinctColours(shot) > 200, "anti-aliased text and lines, not a blank or flat page");
    }

    private Path screenshot(Path page) throws IOException, InterruptedException {
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
                page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium took over 120 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
        assertTrue(Files.size(png) > 0, () -> "no screenshot: " + readQuietly(log));
        return png;
    }

    /** Pixels within a small distance of an RGB colour (Chromium may round a channel or two). */
    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 3 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 3
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 3) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
