package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.Pooling;
import dev.rill.text.Example;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {

    @TempDir
    Path tmp;

    private static MultiLayerNetwork trainedNetwork(int steps) {
        MultiLayerNetwork net = NetworkFactory.classifier(TestConfigs.model(CellType.GRU, false, Pooling.LAST),
                TestConfigs.training(0, 2, 1), 10, 2);
        List<Example> examples = List.of(new Example(new int[] {2, 3, 4}, 0), new Example(new int[] {5, 6}, 1));
        for (int i = 0; i < steps; i++) {
            net.fit(ClassificationBatch.dataSet(examples, new int[] {0, 1}, 2, Pooling.LAST));
        }
        return net;
    }

    private static TrainerState stateAtStep(long step) {
        TrainerState s = TrainerState.start(3);
        Random rng = new Random(3);
        rng.nextInt();
        s.rememberEpochStart(rng);
        s.epoch = 2;
        s.batchesDone = 5;
        s.step = step;
        s.epochLossSum = 1.0 / 3;
        s.epochs.add(new EpochTrainer.Epoch(1, 0.6931471805599453, Double.NaN, 0.002, 1.5, 10, 100));
        s.bestEpoch = 1;
        s.bestScore = 0.75;
        s.metricsLogBytes = 1234;
        return s;
    }

    @Test
    void a_checkpoint_reads_back_to_the_same_weights_updater_state_counters_and_training_state() throws Exception {
        MultiLayerNetwork net = trainedNetwork(3);
        INDArray best = net.params().mul(2);
        Checkpoints checkpoints = new Checkpoints(tmp);

        checkpoints.save(net, stateAtStep(17), best);
        Checkpoints.Checkpoint read = checkpoints.latest().orElseThrow();

        assertEquals(net.params(), read.network().params());
        assertEquals(net.getUpdater().getStateViewArray(), read.network().getUpdater().getStateViewArray());
        assertEquals(3, read.network().getIterationCount());
        assertEquals(best, read.best());
        assertEquals(stateAtStep(17).toMap(), read.state().toMap());
        Random expected = new Random(3);
        expected.nextInt();
        assertEquals(expected.nextLong(), read.state().rngAtEpochStart().nextLong(), "the generator continues where it was");
    }

    @Test
    void without_best_weights_there_is_none_to_read() throws Exception {
        Checkpoints checkpoints = new Checkpoints(tmp);
        checkpoints.save(trainedNetwork(1), stateAtStep(1), null);

        assertNull(checkpoints.latest().orElseThrow().best());
    }

    @Test
    void no_checkpoint_yet_reads_as_empty() throws Exception {
        assertTrue(new Checkpoints(tmp.resolve("none")).latest().isEmpty());
    }

    @Test
    void a_newer_checkpoint_replaces_the_older_and_a_half_written_one_is_ignored_and_removed() throws Exception {
        Checkpoints checkpoints = new Checkpoints(tmp);
        checkpoints.save(trainedNetwork(1), stateAtStep(5), null);
        checkpoints.save(trainedNetwork(2), stateAtStep(10), null);
        // What a crash in the middle of the next write leaves: the temporary file beside the checkpoint.
        byte[] complete = Files.readAllBytes(tmp.resolve(Checkpoints.FILE));
        Path stray = tmp.resolve("." + Checkpoints.FILE + ".4242.tmp");
        Files.write(stray, java.util.Arrays.copyOf(complete, complete.length / 2));

        Checkpoints.Checkpoint read = checkpoints.latest().orElseThrow();

        assertEquals(10, read.state().step);
        assertEquals(trainedNetwork(2).params(), read.network().params());
        assertNotEquals(trainedNetwork(1).params(), read.network().params());
        assertFalse(Files.exists(stray));
    }
}
