package dev.rill.report;

import dev.rill.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code report.html} into a run directory: a single self-contained page (charts embedded
 * as SVG data URIs, styles inline, nothing fetched) with the config, the final metrics, the loss
 * and dev curves, and per task the confusion matrix and per-class F1, or the perplexity curve and
 * the generated samples. What the run directory lacks (a run still going, no dev split) is said on
 * the page instead of failing.
 *
 * <p>The training run calls {@link #write} when it ends; {@code rill report RUN_DIR} calls it to
 * rebuild the page, for instance while a run is still going.
 */
public final class RunReport {

    /** The page's file name in the run directory. */
    public static final String FILE = "report.html";

    static {
        // Charts are drawn with AWT (fonts, shapes) but never shown: without this, a JVM on a machine
        // with no display could try to open one. Must be set before any AWT class asks.
        System.setProperty("java.awt.headless", "true");
    }

    private RunReport() {
    }

    /**
     * Reads {@code runDir} and replaces {@code runDir/report.html} atomically.
     *
     * @return the page's path
     * @throws ReportException when {@code runDir} is not a run directory or a file in it is
     *                         malformed (the message names the file and line)
     */
    public static Path write(Path runDir) throws IOException {
        RunData run = RunReader.read(runDir);
        Path target = runDir.resolve(FILE);
        AtomicFiles.writeString(target, ReportPage.html(run));
        return target;
    }
}
