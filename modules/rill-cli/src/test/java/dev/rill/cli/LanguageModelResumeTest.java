package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.engine.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A language model killed in the middle of an epoch resumes to the uninterrupted run's weights: the
 * epoch's stream is cut at the same offset again (it is drawn from the trainer's generator as it
 * was when the epoch started) and the minibatches already trained are skipped.
 */
class LanguageModelResumeTest {

    @TempDir
    Path dir;

    @Test
    void a_language_model_killed_mid_epoch_resumes_to_the_weights_of_an_uninterrupted_run() throws Exception {
        Files.writeString(dir.resolve("train.txt"), "to be or not to be, that is the question\n".repeat(40));
        Files.writeString(dir.resolve("val.txt"), "to be or not to be, that is the question\n".repeat(4));
        // 1640 characters in 4 rows of 410 steps, windows of 40: 11 minibatches per epoch, 22 in all.
        Path config = Files.writeString(dir.resolve("lm.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {embedding: 8, layers: [{cell: gru, units: 16, dropout: 0.1}]}",
                "training: {epochs: 2, batch_size: 4, tbptt: 20, sequence_length: 40, checkpoint_every: 5,",
                "           optimizer: {type: adam, learning_rate: 0.02}}", ""));
        Path reference = dir.resolve("reference");
        CliRun whole = CliRun.of("train", config.toString(), "--out", reference.toString());
        assertEquals(0, whole.code(), whole.err());

        Path run = dir.resolve("killed");
        TrainingProcess child = TrainingProcess.start(config, run, "rill.fault.pause_after_step", "17");
        child.awaitStderr("rill: fault injection: paused after step 17");
        child.kill();
        CliRun resumed = CliRun.of("train", "--resume", run.toString());

        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming after step 15 (epoch 2, 4 minibatches into it)"), resumed.err());
        assertArrayEquals(weights(reference), weights(run));
        Map<?, ?> a = new ObjectMapper().readValue(reference.resolve("metrics.json").toFile(), Map.class);
        Map<?, ?> b = new ObjectMapper().readValue(run.resolve("metrics.json").toFile(), Map.class);
        assertEquals(a.get("val"), b.get("val"));
    }

    private static float[] weights(Path run) throws Exception {
        float[] w = ModelBundle.read(run.resolve("model.rill")).network().params().toFloatVector();
        return Arrays.copyOf(w, w.length);
    }
}
