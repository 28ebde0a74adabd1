package dev.rill.cli;

import dev.rill.engine.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance of resumable training: a run killed with SIGKILL (in the middle of training, and in the
 * middle of writing a checkpoint) and resumed with {@code rill train --resume} ends with exactly the
 * metrics, log and weights of an uninterrupted run with the same seed.
 *
 * <p>The killed runs are child JVMs stopped at an exact point by a fault-injection property, then
 * killed; the reference run and the resumes run in this JVM (single native thread in both).
 */
class ResumeTest {

    /**
     * 96 examples in minibatches of 8: 12 steps per epoch, 48 in all; checkpoints after every 5th step and every epoch.
     * The learning rate is low enough that dev accuracy still improves in the last epoch (see {@link #train}).
     */
    private static final String TRAINING = """
            epochs: 4
            batch_size: 8
            optimizer: {type: adam, learning_rate: 0.03}
            seed: 7
            log_every: 4
            checkpoint_every: 5
            lr_schedule: {type: step, every: 2, gamma: 0.5}
            early_stopping: {patience: 3}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_run_killed_in_the_middle_of_training_resumes_to_the_metrics_and_weights_of_an_uninterrupted_run() throws Exception {
        Path config = TinyTask.config(dir, TRAINING);
        Path reference = train(config, dir.resolve("reference"));
        Path run = dir.resolve("killed");

        // Stopped after step 22 and killed: the last checkpoint is step 20, 8 minibatches into epoch 2, so steps 21 and 22 are lost.
        TrainingProcess child = TrainingProcess.start(config, run, "rill.fault.pause_after_step", "22");
        child.awaitStderr("rill: fault injection: paused after step 22");
        child.kill();
        Map<String, Object> state = checkpointState(run);
        assertEquals(List.of(20, 2, 8), List.of(state.get("step"), state.get("epoch"), state.get("batches_done")));
        assertFalse(Files.exists(run.resolve("model.rill")));

        CliRun resumed = CliRun.of("train", "--resume", run.toString());

        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming after step 20 (epoch 2, 8 minibatches into it)"), resumed.err());
        assertEquals("bundle: " + run.resolve("model.rill"), resumed.lastLine());
        assertSameRun(reference, run);
    }

    @Test
    void a_run_killed_while_writing_a_checkpoint_resumes_from_the_previous_one_to_the_same_end() throws Exception {
        Path config = TinyTask.config(dir, TRAINING);
        Path reference = train(config, dir.resolve("reference"));
        Path run = dir.resolve("killed");

        // Killed with half of step 35's checkpoint written: step 30's (6 minibatches into epoch 3) must still be there, whole.
        TrainingProcess child = TrainingProcess.start(config, run, "rill.fault.stall_checkpoint_at_step", "35");
        child.awaitStderr("rill: fault injection: stalled writing the checkpoint of step 35");
        child.kill();
        List<Path> partial;
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            partial = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
        assertEquals(1, partial.size(), "the interrupted write leaves its temporary file");
        assertTrue(Files.size(partial.get(0)) > 0 && Files.size(partial.get(0)) < Files.size(run.resolve("checkpoints/checkpoint.zip")));
        Map<String, Object> state = checkpointState(run);
        assertEquals(List.of(30, 3, 6), List.of(state.get("step"), state.get("epoch"), state.get("batches_done")));

        CliRun resumed = CliRun.of("train", "--resume", run.toString());

        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming after step 30 (epoch 3, 6 minibatches into it)"), resumed.err());
        assertFalse(Files.exists(partial.get(0)), "the stray temporary file is cleaned up");
        assertSameRun(reference, run);
    }

    @Test
    void resuming_with_another_config_is_refused_and_names_what_differs() throws Exception {
        Path config = TinyTask.config(dir, TRAINING);
        Path run = dir.resolve("run");
        CliRun first = CliRun.of("train", config.toString(), "--out", run.toString(), "--set", "training.epochs=1");
        assertEquals(0, first.code(), first.err());

        CliRun changed = CliRun.of("train", config.toString(), "--resume", run.toString(), "--set", "training.epochs=1",
                "--set", "model.layers.0.units=9");

        assertEquals(Main.BAD_INPUT, changed.code());
        assertTrue(changed.err().contains("model.layers.0.units: 8 -> 9"), changed.err());
        assertFalse(changed.err().contains("training.epochs"), changed.err());
        assertTrue(changed.err().contains(run.resolve("resolved.yaml").toString()), changed.err());

        // The same config is accepted: the finished run is finished again, to the same weights.
        byte[] bundle = params(run);
        CliRun same = CliRun.of("train", config.toString(), "--resume", run.toString(), "--set", "training.epochs=1");
        assertEquals(0, same.code(), same.err());
        assertEquals(new String(bundle), new String(params(run)));
    }

    @Test
    void resume_needs_a_run_folder_and_train_needs_a_config() throws Exception {
        CliRun notARun = CliRun.of("train", "--resume", dir.toString());
        assertEquals(Main.BAD_INPUT, notARun.code());
        assertTrue(notARun.err().contains("not a run folder: it has no resolved.yaml"), notARun.err());

        CliRun nothing = CliRun.of("train");
        assertEquals(Main.BAD_INPUT, nothing.code());
        assertTrue(nothing.err().contains("train needs a CONFIG, or --resume RUN_DIR"), nothing.err());
    }

    /**
     * The uninterrupted run. Its best epoch (whose weights the bundle keeps) must end after both resume points (mid
     * epoch 2 and mid epoch 3), so that the weights compared later were trained after the resume.
     */
    private static Path train(Path config, Path out) throws IOException {
        CliRun run = CliRun.of("train", config.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Map<?, ?> training = (Map<?, ?>) JSON.readValue(out.resolve("metrics.json").toFile(), Map.class).get("training");
        assertTrue(((Number) training.get("best_epoch")).intValue() >= 3, run.err());
        return out;
    }

    /** Same dev and test metrics, training history, metrics.jsonl lines and weights; timings aside. */
    private static void assertSameRun(Path expected, Path actual) throws IOException {
        Map<?, ?> a = JSON.readValue(expected.resolve("metrics.json").toFile(), Map.class);
        Map<?, ?> b = JSON.readValue(actual.resolve("metrics.json").toFile(), Map.class);
        assertEquals(a.get("dev"), b.get("dev"));
        assertEquals(a.get("test"), b.get("test"));
        assertEquals(withoutTimings((Map<?, ?>) a.get("training")), withoutTimings((Map<?, ?>) b.get("training")));
        assertEquals(logWithoutTimings(expected), logWithoutTimings(actual));
        assertEquals(new String(params(expected)), new String(params(actual)), "the bundles' weights are identical");
    }

    private static List<Map<?, ?>> logWithoutTimings(Path run) throws IOException {
        List<Map<?, ?>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            lines.add(withoutTimings(JSON.readValue(line, Map.class)));
        }
        return lines;
    }

    /** Drops wall-clock figures (seconds, rates), everywhere in a nested structure. */
    private static Map<?, ?> withoutTimings(Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = k.toString();
            if (key.equals("seconds") || key.endsWith("_per_s")) {
                return;
            }
            out.put(k, v instanceof Map<?, ?> m ? withoutTimings(m)
                    : v instanceof List<?> list ? list.stream().map(i -> i instanceof Map<?, ?> m ? withoutTimings(m) : i).toList() : v);
        });
        return out;
    }

    /** The bundle's weights, as their exact float bits. */
    private static byte[] params(Path run) throws IOException {
        float[] weights = ModelBundle.read(run.resolve("model.rill")).network().params().toFloatVector();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(weights.length * 4);
        for (float w : weights) {
            bytes.putInt(Float.floatToRawIntBits(w));
        }
        return bytes.array();
    }

    private static Map<String, Object> checkpointState(Path run) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(run.resolve("checkpoints/checkpoint.zip")))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("state.json")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> state = JSON.readValue(zip.readAllBytes(), Map.class);
                    return state;
                }
            }
        }
        throw new AssertionError("no state.json in the checkpoint");
    }
}
