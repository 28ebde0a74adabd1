package dev.rill.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rill.engine.Json;
import dev.rill.engine.bench.BenchWorker;

/**
 * Runs a {@link BenchWorker} measurement in a JVM of its own, with a given OMP_NUM_THREADS: ND4J and the BLAS library
 * read the thread count once, when they load. The child gets this JVM's classpath and options (heap size, the BLAS
 * library bin/rill selects), so it measures what {@code rill train} would run.
 */
final class BenchWorkers {

    private BenchWorkers() {
    }

    /**
     * @param threads OMP_NUM_THREADS for the child
     * @param args    {@link BenchWorker}'s arguments
     * @return the measurement's result object
     */
    static Map<String, Object> run(int threads, String... args) throws IOException, InterruptedException {
        return run(threads, List.of(), args);
    }

    /**
     * @param jvmOptions extra options for the child JVM (a flight recording)
     */
    static Map<String, Object> run(int threads, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchWorker.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        for (String line : out.split("\n")) {
            if (code == 0 && line.startsWith(BenchWorker.RESULT)) {
                return Json.readMap(line.substring(BenchWorker.RESULT.length()).getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new IllegalStateException("benchmark worker " + String.join(" ", args) + " failed (exit " + code + "): "
                + tail(out));
    }

    static String tail(String out) {
        String trimmed = out.strip();
        return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }
}
