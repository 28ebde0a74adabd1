package dev.rill.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void plain_lines_come_every_n_minibatches_and_at_the_end_of_the_epoch_with_tokens_per_second() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);

        progress.startEpoch(1, 3, 50, 0);
        for (int i = 0; i < 5; i++) {
            progress.step(10, 70, 0.5);
        }
        progress.close();

        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("epoch 1/3  20/50 ex  \\d+ ex/s  \\d+ tok/s  loss 0\\.5000  eta \\d+:\\d\\d"), lines[0]);
        assertTrue(lines[2].startsWith("epoch 1/3  50/50 ex"), lines[2]);
    }

    @Test
    void a_resumed_epoch_counts_on_from_the_examples_already_trained() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);

        progress.startEpoch(2, 3, 50, 30);
        progress.step(10, 70, 0.5);

        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("epoch 2/3  40/50 ex"), bytes::toString);
    }
}
