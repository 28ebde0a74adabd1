package dev.rill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.rill.config.CellType;
import dev.rill.engine.Json;
import dev.rill.engine.bench.BenchTask;
import dev.rill.engine.bench.InferenceSpeed;
import dev.rill.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rill bench throughput}: the peer benchmark's standard training cases through Rill's own config path, each at
 * each thread count in a JVM of its own, optionally with the PyTorch peer run right after each on the same case and
 * thread count; then inference speed. Prints the tables (or JSON) and writes {@code docs/benchmarks/throughput.md}.
 */
@Command(name = "throughput", description = "Training tokens/s and GFLOP/s of the standard cases (lm, cls x lstm, gru) at each"
        + " thread count, next to the PyTorch peer with --peer; generation chars/s and classification latency.")
final class BenchThroughputCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand parent;

    @Option(names = "--peer", description = "Run ../shared/peer-bench (PyTorch) right after each case, same case and threads.")
    boolean peer;

    @Option(names = "--peer-dir", paramLabel = "DIR", description = "The peer benchmark (default: ../shared/peer-bench beside the project).")
    Path peerDir;

    @Option(names = "--threads", split = ",", paramLabel = "N", defaultValue = "1,2",
            description = "OMP_NUM_THREADS values to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--task", split = ",", paramLabel = "TASK", defaultValue = "lm,cls", description = "lm, cls (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--cell", split = ",", paramLabel = "CELL", defaultValue = "lstm,gru", description = "lstm, gru (default: ${DEFAULT-VALUE}).")
    List<String> cells;

    @Option(names = "--iters", paramLabel = "N", description = "Timed training steps per case (default: the peer's, 10 for lm, 30 for cls).")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}, as the peer).")
    int warmup;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Measure each case N times, Rill and peer alternating, and report the medians (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-inference", description = "Skip the generation and classification-latency measurements.")
    boolean noInference;

    @Option(names = "--chars", paramLabel = "N", defaultValue = "2000", description = "Characters generated per measurement (default: ${DEFAULT-VALUE}).")
    int chars;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "1000", description = "Sentences classified per measurement (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--profile", description = "Record each case once more with Java Flight Recorder, at Rill's fastest thread"
            + " count, and report where the training thread's time goes.")
    boolean profile;

    @Option(names = "--json", description = "Print one JSON array (an object per training case) on stdout instead of the tables.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/benchmarks/throughput.md",
            description = "Markdown file to write (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() throws Exception {
        Main main = parent.main;
        List<BenchTask> taskList = tasks.stream().map(BenchThroughputCommand::task).toList();
        List<CellType> cellList = cells.stream().map(BenchThroughputCommand::cell).toList();
        if (threads.stream().anyMatch(t -> t < 1) || warmup < 0 || (iterations != null && iterations < 1) || chars < 1
                || sentences < 1 || repeat < 1) {
            throw new UsageException("--threads, --iters, --repeat, --chars and --sentences must be >= 1 and --warmup >= 0");
        }
        PeerBench peerBench = peer ? PeerBench.at(peerDir) : null;
        String loadBefore = loadAverage();

        List<ThroughputReport.Training> training = new ArrayList<>();
        for (BenchTask task : taskList) {
            int iters = iterations != null ? iterations : task.peerIterations();
            for (CellType cell : cellList) {
                for (int n : threads) {
                    List<Double> rill = new ArrayList<>();
                    List<Double> peers = new ArrayList<>();
                    for (int k = 0; k < repeat; k++) {
                        Map<String, Object> r = BenchWorkers.run(n, "train", task.yamlName(), cell.yamlName(),
                                String.valueOf(warmup), String.valueOf(iters));
                        rill.add(number(r, "tokens_per_s"));
                        if (peerBench != null) {
                            peers.add(peerBench.tokensPerSecond(task, cell.yamlName(), n, iters));
                        }
                    }
                    var row = new ThroughputReport.Training(task, cell, n, median(rill), peers.isEmpty() ? null : median(peers));
                    training.add(row);
                    main.err.println(ThroughputReport.trainingTable(List.of(row)).lines().skip(2).findFirst().orElse(""));
                }
            }
        }
        String profileSection = profile ? profileSection(training, warmup) : "";
        List<ThroughputReport.Inference> inference = new ArrayList<>();
        if (!noInference) {
            for (CellType cell : cellList) {
                for (int n : threads) {
                    Map<String, Object> gen = BenchWorkers.run(n, "generate", cell.yamlName(), "200", String.valueOf(chars));
                    Map<String, Object> cls = BenchWorkers.run(n, "classify", cell.yamlName(), "100", String.valueOf(sentences));
                    inference.add(new ThroughputReport.Inference(cell, n, number(gen, "chars_per_s"), number(cls, "p50_ms"),
                            number(cls, "p99_ms")));
                }
            }
        }
        String loadAfter = loadAverage();

        String tables = "## Training: forward + backward + Adam step\n\n" + ThroughputReport.trainingTable(training)
                + bestSection(training) + (inference.isEmpty() ? "" : "\n## Inference\n\n"
                + "Generation: the lm network, one character per `rnnTimeStep` call, batch 1, sampling from the softmax."
                + " Classification: the cls network, one sentence of " + InferenceSpeed.SENTENCE_LENGTH + " tokens per call.\n\n"
                + ThroughputReport.inferenceTable(inference)) + profileSection;
        if (json) {
            main.out.println(Json.compact(ThroughputReport.json(training)));
        } else {
            main.out.print(tables);
        }
        String text = "# Training and inference throughput\n\n" + CASES + "\n" + Machine.describe(command())
                + "- BLAS: " + blas() + "\n"
                + "- load average (1 min) before / after the run: " + loadBefore + " / " + loadAfter + "\n\n"
                + tables + BenchCommand.AccuracyBench.keptNotes(report);
        AtomicFiles.writeString(report, text);
        main.err.println("wrote " + report);
        return 0;
    }

    private static final String CASES = "The standard cases of `../shared/peer-bench` (PyTorch 2.7.1 through DJL), trained through"
            + " Rill's config path (`NetworkFactory.classifier` from a `ModelConfig`), Adam 2e-3, float, 3 untimed steps first:\n\n"
            + "- `lm`: 65 symbols -> 2 x 256 -> softmax over 65 at every step, batch 32, 100 steps. The peer feeds one-hot vectors,"
            + " Rill an embedding of width 65: the first layer sees 65 inputs either way, so the products and the FLOP count are"
            + " the same.\n"
            + "- `cls`: ids (vocabulary 20,000) -> embedding 128 -> 1 x 128 -> last step -> 2 classes, batch 64, 50 steps.\n\n"
            + "GFLOP/s count 24·H·(I+H) per token per LSTM layer (18·H·(I+H) for GRU) plus 6·H·V for the output layer."
            + " Each case runs in its own JVM with OMP_NUM_THREADS set (the table's threads column), the peer right after it;"
            + " with --repeat N, N times alternating, and the tables give each side's median.\n";

    private String bestSection(List<ThroughputReport.Training> training) {
        String best = ThroughputReport.bestTable(training);
        return best.isEmpty() ? "" : "\nEach side at its fastest thread count:\n\n" + best;
    }

    private String command() {
        StringBuilder b = new StringBuilder("bin/rill bench throughput");
        if (peer) {
            b.append(" --peer");
        }
        b.append(" --threads ").append(String.join(",", threads.stream().map(String::valueOf).toList()));
        b.append(" --task ").append(String.join(",", tasks)).append(" --cell ").append(String.join(",", cells));
        if (iterations != null) {
            b.append(" --iters ").append(iterations);
        }
        if (repeat > 1) {
            b.append(" --repeat ").append(repeat);
        }
        if (noInference) {
            b.append(" --no-inference");
        }
        if (profile) {
            b.append(" --profile");
        }
        return b.toString();
    }

    /**
     * Profiles each task and cell at the thread count where Rill was fastest, with more steps than the timed run (10
     * seconds' worth at the measured speed) so that the samples are many.
     */
    private String profileSection(List<ThroughputReport.Training> training, int warmupSteps) throws Exception {
        Map<String, ThroughputReport.Training> fastest = new java.util.LinkedHashMap<>();
        for (ThroughputReport.Training t : training) {
            fastest.merge(t.task().yamlName() + " " + t.cell().yamlName(), t,
                    (a, b) -> b.tokensPerSecond() > a.tokensPerSecond() ? b : a);
        }
        Path settings = StepProfile.settingsFile();
        List<String> names = new ArrayList<>();
        List<StepProfile.Result> results = new ArrayList<>();
        for (ThroughputReport.Training t : fastest.values()) {
            Path recording = Files.createTempFile("rill-profile", ".jfr");
            try {
                int steps = (int) Math.max(10, Math.ceil(10 * t.tokensPerSecond() / t.task().tokensPerStep()));
                Map<String, Object> r = BenchWorkers.run(t.threads(),
                        List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings),
                        "train", t.task().yamlName(), t.cell().yamlName(), String.valueOf(warmupSteps), String.valueOf(steps));
                results.add(StepProfile.read(recording, (String) r.get("thread"),
                        java.time.Instant.ofEpochMilli(((Number) r.get("timed_start_ms")).longValue()),
                        java.time.Instant.ofEpochMilli(((Number) r.get("timed_end_ms")).longValue())));
                names.add(t.task().yamlName() + " " + t.cell().yamlName() + ", " + t.threads() + " thread" + (t.threads() == 1 ? "" : "s"));
            } finally {
                Files.deleteIfExists(recording);
            }
        }
        return "\n## Where the training thread's time goes\n\nJava Flight Recorder samples of the training thread every "
                + StepProfile.PERIOD_MS + " ms during about 10 s of training steps (a separate run of each case at Rill's fastest"
                + " thread count), by the frame on top of the stack; shares of the timed wall time.\n\n"
                + StepProfile.table(names, results);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** What BLAS the child JVMs load: OpenBLAS unless the launcher tells JavaCPP to load MKL in its place. */
    private static String blas() {
        String load = System.getProperty("org.bytedeco.openblas.load");
        return load == null ? "OpenBLAS (bundled with ND4J)" : load + " (-Dorg.bytedeco.openblas.load=" + load + ")";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static BenchTask task(String name) {
        try {
            return BenchTask.named(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static CellType cell(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lstm" -> CellType.LSTM;
            case "gru" -> CellType.GRU;
            default -> throw new UsageException("--cell must be lstm or gru, got '" + name + "'");
        };
    }
}
