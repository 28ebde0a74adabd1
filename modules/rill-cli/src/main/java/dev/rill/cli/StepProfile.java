package dev.rill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a training step's time goes, from a Java Flight Recorder recording of a {@code BenchWorker train} run: the
 * training thread's samples inside the timed window, each put in one {@link Category} by the frame on top of its
 * stack. JFR samples a thread running Java ({@code jdk.ExecutionSample}) and a thread inside a native method
 * ({@code jdk.NativeMethodSample}) separately; both are recorded every {@value #PERIOD_MS} ms, so counts compare. A
 * thread that is blocked (waiting for the kernels' helper thread, for the garbage collector) is in neither, which is
 * what the {@link Category#UNSAMPLED} share is: the window's length minus the sampled time.
 */
final class StepProfile {

    /** Sampling period of both events, in milliseconds. */
    static final int PERIOD_MS = 10;

    /** The recording settings: only the two samplers, both at {@value #PERIOD_MS} ms. */
    static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="rill step profile">
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">%d ms</setting></event>
              <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">%d ms</setting></event>
            </configuration>
            """.formatted(PERIOD_MS, PERIOD_MS);

    /** What the training thread was doing. */
    enum Category {
        BLAS("matrix products (BLAS)"),
        ND4J_NATIVE("ND4J native ops (Adam, softmax, loss, element-wise)"),
        COPIES("JavaCPP memory calls (copies, pointers)"),
        RILL_JAVA("Rill kernels in Java (gate maths, transposes, lookups)"),
        DL4J_JAVA("DL4J/ND4J Java (layer calls, op set-up, JNI marshalling)"),
        OTHER("other"),
        UNSAMPLED("not running (waiting for the helper thread, GC, safepoints)");

        final String label;

        Category(String label) {
            this.label = label;
        }
    }

    /**
     * One profiled case.
     *
     * @param shares the share of the timed window per category (they add up to 1)
     * @param samples samples of the training thread inside the window
     */
    record Result(Map<Category, Double> shares, int samples) {
    }

    private StepProfile() {
    }

    /** Writes the recording settings to a temporary {@code .jfc} file for {@code -XX:StartFlightRecording}. */
    static Path settingsFile() throws IOException {
        Path f = Files.createTempFile("rill-profile", ".jfc");
        f.toFile().deleteOnExit();
        Files.writeString(f, SETTINGS);
        return f;
    }

    /**
     * @param recording the JFR file
     * @param thread    the training thread's name
     * @param start     the timed window (samples outside it, JVM start-up and warm-up, are left out)
     */
    static Result read(Path recording, String thread, Instant start, Instant end) throws IOException {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                boolean nativeSample = type.equals("jdk.NativeMethodSample");
                if (!nativeSample && !type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedThread t = e.getThread("sampledThread");
                if (t == null || !thread.equals(t.getJavaName()) || e.getStartTime().isBefore(start)
                        || e.getStartTime().isAfter(end)) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                String top = frames.isEmpty() ? "" : frames.get(0).getMethod().getType().getName();
                counts.merge(nativeSample ? nativeCategory(top) : javaCategory(top), 1, Integer::sum);
                samples++;
            }
        }
        double window = (end.toEpochMilli() - start.toEpochMilli()) / (double) PERIOD_MS;
        double total = Math.max(window, samples);
        Map<Category, Double> shares = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            shares.put(c, counts.getOrDefault(c, 0) / total);
        }
        shares.put(Category.UNSAMPLED, (total - samples) / total);
        return new Result(shares, samples);
    }

    /** The category of a sample taken inside a native method of class {@code type}. */
    static Category nativeCategory(String type) {
        if (type.startsWith("org.bytedeco.openblas.") || type.startsWith("org.bytedeco.mkl.")) {
            return Category.BLAS;
        }
        if (type.startsWith("org.nd4j.")) {
            return Category.ND4J_NATIVE;
        }
        if (type.startsWith("org.bytedeco.javacpp.")) {
            return Category.COPIES;
        }
        return Category.OTHER;
    }

    /** The category of a sample taken while the thread ran Java code of class {@code type}. */
    static Category javaCategory(String type) {
        if (type.startsWith("dev.rill.")) {
            return Category.RILL_JAVA;
        }
        if (type.startsWith("org.nd4j.") || type.startsWith("org.deeplearning4j.") || type.startsWith("org.bytedeco.")) {
            return Category.DL4J_JAVA;
        }
        return Category.OTHER;
    }

    /** A Markdown table: one row per profiled case, one column per category, in percent of the timed window. */
    static String table(List<String> cases, List<Result> results) {
        StringBuilder b = new StringBuilder("| case |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Category c : Category.values()) {
            b.append(' ').append(c.label).append(" |");
            rule.append("---|");
        }
        b.append(" samples |\n").append(rule).append("---|\n");
        for (int i = 0; i < cases.size(); i++) {
            b.append("| ").append(cases.get(i)).append(" |");
            for (Category c : Category.values()) {
                b.append(String.format(Locale.ROOT, " %.0f%% |", 100 * results.get(i).shares().get(c)));
            }
            b.append(' ').append(results.get(i).samples()).append(" |\n");
        }
        return b.toString();
    }
}
