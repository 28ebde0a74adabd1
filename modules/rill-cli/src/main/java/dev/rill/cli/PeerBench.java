package dev.rill.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rill.engine.bench.BenchTask;

/**
 * The PyTorch reference, {@code ../shared/peer-bench}: {@code run TASK CELL B T H L ITERS} with OMP_NUM_THREADS set,
 * which prints {@code ...: N tokens/s}.
 */
final class PeerBench {

    private static final Pattern TOKENS = Pattern.compile("([0-9.]+) tokens/s");

    private final Path dir;

    private PeerBench(Path dir) {
        this.dir = dir;
    }

    /** The peer in {@code dir}, or beside the project ({@code $RILL_HOME/../shared/peer-bench}) when null. */
    static PeerBench at(Path dir) {
        Path d = dir != null ? dir : Path.of(System.getenv().getOrDefault("RILL_HOME", ".")).resolve("../shared/peer-bench");
        if (!Files.isExecutable(d.resolve("run"))) {
            throw new UsageException("no peer benchmark at " + d + " (an executable 'run'); pass --peer-dir DIR");
        }
        return new PeerBench(d.toAbsolutePath().normalize());
    }

    /** Tokens/s of the peer on the task's standard sizes. */
    double tokensPerSecond(BenchTask task, String cell, int threads, int iterations) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("run").toString(), task.yamlName(), cell,
                String.valueOf(task.batch()), String.valueOf(task.steps()), String.valueOf(task.units()),
                String.valueOf(task.layers()), String.valueOf(iterations))
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = TOKENS.matcher(out);
        if (p.waitFor() != 0 || !m.find()) {
            throw new IllegalStateException("peer benchmark " + task.yamlName() + " " + cell + " failed: " + BenchWorkers.tail(out));
        }
        return Double.parseDouble(m.group(1));
    }
}
