package dev.rill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rill train} in a child JVM (the test's own class path, one native thread), to be killed
 * with SIGKILL at a point a fault-injection property stops it at.
 */
final class TrainingProcess {

    private final Process process;
    private final Path stderr;

    private TrainingProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * Starts {@code rill train CONFIG --out RUN_DIR} with a system property {@code -Dkey=value} set.
     */
    static TrainingProcess start(Path config, Path runDir, String property, String value) throws IOException {
        Files.createDirectories(runDir.getParent());
        Path stderr = runDir.resolveSibling(runDir.getFileName() + ".stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-D" + property + "=" + value,
                Main.class.getName(), "train", config.toString(), "--out", runDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new TrainingProcess(builder.start(), stderr);
    }

    /** Waits until the process prints {@code marker} on stderr; fails if it ends first or takes over two minutes. */
    void awaitStderr(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (Files.exists(stderr) && Files.readString(stderr).contains(marker)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("training ended (exit " + process.exitValue() + ") before printing '" + marker + "':\n" + errors());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("no '" + marker + "' within two minutes:\n" + errors());
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, nothing flushed that was not written already. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String errors() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }
}
