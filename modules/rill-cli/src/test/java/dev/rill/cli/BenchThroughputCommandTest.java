package dev.rill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rill bench throughput} end to end on its smallest setting: a real worker JVM trains the cls case once, and a
 * stand-in peer (a script that records how it was called and prints the peer's output line) supplies the ratio.
 */
class BenchThroughputCommandTest {

    @TempDir
    Path dir;

    private Path fakePeer() throws Exception {
        Path peer = Files.createDirectories(dir.resolve("peer"));
        Path run = peer.resolve("run");
        Files.writeString(run, "#!/bin/sh\necho \"$@ threads=$OMP_NUM_THREADS\" >> \"$(dirname \"$0\")/calls.txt\"\n"
                + "echo \"peer $1 $2 B=$3 T=$4 H=$5 L=$6 threads=$OMP_NUM_THREADS torch=2.7.1: 1234 tokens/s\"\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        return peer;
    }

    @Test
    void json_has_one_object_per_case_with_the_peer_figures_and_the_report_is_written() throws Exception {
        Path peer = fakePeer();
        Path report = dir.resolve("throughput.md");
        CliRun run = CliRun.of("bench", "throughput", "--task", "cls", "--cell", "gru", "--threads", "1", "--iters", "1",
                "--warmup", "0", "--no-inference", "--peer", "--peer-dir", peer.toString(), "--json", "--report", report.toString());

        assertEquals(0, run.code(), run.err());
        List<Map<String, Object>> cases = new ObjectMapper().readValue(run.out().strip(), new TypeReference<>() { });
        assertEquals(1, cases.size());
        Map<String, Object> c = cases.get(0);
        assertEquals("cls", c.get("task"));
        assertEquals("gru", c.get("cell"));
        assertEquals(1, c.get("threads"));
        double tokens = ((Number) c.get("tokens_per_s")).doubleValue();
        assertTrue(tokens > 0);
        assertEquals(1234.0, ((Number) c.get("peer_tokens_per_s")).doubleValue());
        assertEquals(tokens / 1234.0, ((Number) c.get("ratio")).doubleValue(), 1e-9);
        // The peer ran the same case at the same thread count and iterations: cls sizes, 1 layer.
        assertEquals("cls gru 64 50 128 1 1 threads=1", Files.readString(peer.resolve("calls.txt")).strip());

        String md = Files.readString(report);
        assertTrue(md.contains("| cls | gru | 1 |"), md);
        assertTrue(md.contains("- machine: ") && md.contains("- command: `bin/rill bench throughput --peer"), md);
        assertTrue(md.contains("load average"), md);
        assertTrue(md.contains("| cls gru | "), "best-of table: " + md);
    }

    @Test
    void inference_figures_are_reported_per_cell_and_thread_count() throws Exception {
        Path report = dir.resolve("t.md");
        CliRun run = CliRun.of("bench", "throughput", "--task", "cls", "--cell", "lstm", "--threads", "1", "--iters", "1",
                "--warmup", "0", "--chars", "20", "--sentences", "20", "--report", report.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("## Inference"), run.out());
        String row = run.out().lines().filter(l -> l.startsWith("| lstm | 1 |")).findFirst().orElseThrow();
        String[] cols = row.split("\\|");
        assertTrue(Double.parseDouble(cols[3].strip()) > 0, row);   // generation chars/s
        assertTrue(Double.parseDouble(cols[4].strip()) > 0, row);   // p50 ms
        assertTrue(Double.parseDouble(cols[5].strip()) >= Double.parseDouble(cols[4].strip()), row);   // p99 >= p50
    }

    @Test
    void repeated_measurements_alternate_rill_and_peer_and_report_medians() throws Exception {
        Path peer = fakePeer();
        CliRun run = CliRun.of("bench", "throughput", "--task", "cls", "--cell", "gru", "--threads", "1", "--iters", "1",
                "--warmup", "0", "--no-inference", "--repeat", "3", "--peer", "--peer-dir", peer.toString(), "--json",
                "--report", dir.resolve("r.md").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(3, Files.readAllLines(peer.resolve("calls.txt")).size(), "the peer ran once per repetition");
        assertTrue(Files.readString(dir.resolve("r.md")).contains("--repeat 3"));
        assertEquals(2.0, BenchThroughputCommand.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, BenchThroughputCommand.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    /** A real flight recording of a worker: the shares of the timed window are read from it and add up to 100%. */
    @Test
    void profile_reports_where_the_training_thread_spends_the_timed_window() throws Exception {
        Path report = dir.resolve("p.md");
        CliRun run = CliRun.of("bench", "throughput", "--task", "cls", "--cell", "gru", "--threads", "1", "--iters", "2",
                "--warmup", "1", "--no-inference", "--profile", "--report", report.toString());

        assertEquals(0, run.code(), run.err());
        String md = Files.readString(report);
        assertTrue(md.contains("## Where the training thread's time goes") && md.contains("--profile"), md);
        String row = md.lines().filter(l -> l.startsWith("| cls gru, 1 thread |")).findFirst().orElseThrow(() -> new AssertionError(md));
        String[] cols = row.split("\\|");
        double sum = 0;
        for (int i = 2; i < 2 + StepProfile.Category.values().length; i++) {
            sum += Double.parseDouble(cols[i].strip().replace("%", ""));
        }
        assertEquals(100, sum, StepProfile.Category.values().length, row);   // each share is rounded to a whole percent
        assertTrue(Double.parseDouble(cols[2].strip().replace("%", "")) > 0, "some time in BLAS products: " + row);
        assertTrue(Integer.parseInt(cols[cols.length - 1].strip()) > 100, "samples: " + row);
    }

    @Test
    void samples_are_put_in_categories_by_the_class_on_top_of_the_stack() {
        assertEquals(StepProfile.Category.BLAS, StepProfile.nativeCategory("org.bytedeco.openblas.global.openblas_nolapack"));
        assertEquals(StepProfile.Category.ND4J_NATIVE, StepProfile.nativeCategory("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu"));
        assertEquals(StepProfile.Category.COPIES, StepProfile.nativeCategory("org.bytedeco.javacpp.Pointer"));
        assertEquals(StepProfile.Category.OTHER, StepProfile.nativeCategory("java.lang.Object"));
        assertEquals(StepProfile.Category.RILL_JAVA, StepProfile.javaCategory("dev.rill.layers.kernel.GateFunction"));
        assertEquals(StepProfile.Category.DL4J_JAVA, StepProfile.javaCategory("org.deeplearning4j.nn.multilayer.MultiLayerNetwork"));
        assertEquals(StepProfile.Category.OTHER, StepProfile.javaCategory("java.util.ArrayList"));
    }

    @Test
    void unknown_cell_is_a_usage_error() {
        CliRun run = CliRun.of("bench", "throughput", "--cell", "rnn", "--report", dir.resolve("x.md").toString());
        assertEquals(Main.BAD_INPUT, run.code());
        assertTrue(run.err().contains("--cell must be lstm or gru"), run.err());
    }
}
