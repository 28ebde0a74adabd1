package dev.rill.engine;

import dev.rill.config.RillConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole training runs in-process on a tiny generated task: repeatability, the run folder, early stopping, schedules. */
class TrainingRunTest {

    @TempDir
    Path tmp;

    private static final String TRAINING = """
            epochs: 3
            batch_size: 8
            optimizer: {type: adam, learning_rate: 0.02}
            seed: 7
            log_every: 4
            """;

    @Test
    void same_config_and_seed_twice_gives_identical_metrics_and_weights() throws Exception {
        RillConfig config = TinyRuns.load(TinyRuns.config(tmp, TRAINING));

        TrainingRun.Outcome first = TinyRuns.train(config, tmp.resolve("a"));
        TrainingRun.Outcome second = TinyRuns.train(config, tmp.resolve("b"));

        Map<String, Object> a = Json.readMap(Files.readAllBytes(tmp.resolve("a/metrics.json")));
        Map<String, Object> b = Json.readMap(Files.readAllBytes(tmp.resolve("b/metrics.json")));
        assertEquals(a.get("dev"), b.get("dev"));
        assertEquals(a.get("test"), b.get("test"));
        assertEquals(losses(first), losses(second));
        assertEquals(params(tmp.resolve("a")), params(tmp.resolve("b")));
        // Training did something: the loss fell.
        List<Double> losses = losses(first);
        assertTrue(losses.get(2) < losses.get(0), losses::toString);
    }

    @Test
    void another_seed_gives_other_weights() throws Exception {
        Path config = TinyRuns.config(tmp, TRAINING);
        TinyRuns.train(TinyRuns.load(config), tmp.resolve("a"));
        TinyRuns.train(TinyRuns.load(config, "training.seed=8"), tmp.resolve("b"));

        assertNotEquals(params(tmp.resolve("a")), params(tmp.resolve("b")));
    }

    @Test
    void run_folder_holds_the_config_as_given_the_resolved_config_the_log_the_checkpoint_and_the_bundle() throws Exception {
        Path config = TinyRuns.config(tmp, TRAINING);
        Path run = tmp.resolve("run");

        TinyRuns.train(TinyRuns.load(config, "training.epochs=1"), run);

        assertEquals(Files.readString(config), Files.readString(run.resolve("config.yaml")));
        RillConfig resolved = TinyRuns.load(run.resolve("resolved.yaml"));
        assertEquals(1, resolved.training().epochs());
        assertEquals(tmp.toString(), resolved.data().dir(), "data.dir is absolute, so the resolved config reads the same data from the run folder");
        for (String file : List.of("metrics.jsonl", "checkpoints/checkpoint.zip", "model.rill", "metrics.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        Map<String, Object> provenance = ModelBundle.read(run.resolve("model.rill")).provenance();
        assertEquals(7, ((Number) provenance.get("seed")).intValue());
        Map<?, ?> train = (Map<?, ?>) ((Map<?, ?>) provenance.get("data_files")).get("train");
        assertEquals(dev.rill.corpus.Checksums.sha256(tmp.resolve("train.tsv")), train.get("sha256"));
        for (String key : List.of("rill_version", "git_commit", "dl4j_version", "nd4j_version", "omp_num_threads", "nd4j_max_threads")) {
            assertTrue(provenance.containsKey(key), key);
        }
    }

    @Test
    void metrics_log_lines_are_json_objects_that_follow_the_run_folder_contract() throws Exception {
        TinyRuns.train(TinyRuns.load(TinyRuns.config(tmp, TRAINING)), tmp.resolve("run"));

        List<Map<String, Object>> log = TinyRuns.metricsLog(tmp.resolve("run"));

        // 96 examples / 8 = 12 minibatches per epoch, 36 in all: a step line every 4, an epoch line per epoch, one final line.
        List<Map<String, Object>> steps = TinyRuns.lines(log, "step");
        assertEquals(9, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> s = steps.get(i);
            assertEquals(Set.of("kind", "epoch", "step", "examples", "tokens", "loss", "lr", "tokens_per_s", "seconds"), s.keySet());
            assertEquals(4 * (i + 1), s.get("step"));
            assertEquals(i / 3 + 1, s.get("epoch"));
            assertEquals(8 * 4 * (i + 1), ((Number) s.get("examples")).intValue());
            assertTrue(((Number) s.get("tokens")).longValue() > ((Number) s.get("examples")).longValue());
            assertInstanceOf(Double.class, s.get("loss"));
            assertEquals(0.02, (Double) s.get("lr"), 1e-12);
        }
        List<Map<String, Object>> epochs = TinyRuns.lines(log, "epoch");
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            Map<String, Object> line = epochs.get(e);
            assertEquals(Set.of("kind", "epoch", "train_loss", "dev_metric", "dev_score", "lr", "seconds", "tokens_per_s"), line.keySet());
            assertEquals(e + 1, line.get("epoch"));
            assertEquals("accuracy", line.get("dev_metric"));
            double dev = (Double) line.get("dev_score");
            assertTrue(dev >= 0 && dev <= 1);
        }
        Map<String, Object> last = log.get(log.size() - 1);
        assertEquals("final", last.get("kind"));
        assertEquals(false, last.get("stopped_early"));
        assertEquals("epoch", log.get(log.size() - 2).get("kind"));
        // The epoch lines' dev scores are the history metrics.json reports too.
        Map<String, Object> metrics = Json.readMap(Files.readAllBytes(tmp.resolve("run/metrics.json")));
        List<?> history = (List<?>) ((Map<?, ?>) metrics.get("training")).get("epochs");
        assertEquals(epochs.get(2).get("dev_score"), ((Map<?, ?>) history.get(2)).get("devScore"));
    }

    @Test
    void dev_score_is_null_without_dev_data() throws Exception {
        Path config = TinyRuns.config(tmp, TRAINING);
        Files.writeString(config, Files.readString(config).replace(", dev: dev.tsv", ""));

        TinyRuns.train(TinyRuns.load(config, "training.epochs=1"), tmp.resolve("run"));

        Map<String, Object> epoch = TinyRuns.lines(TinyRuns.metricsLog(tmp.resolve("run")), "epoch").get(0);
        assertTrue(epoch.containsKey("dev_score"));
        assertNull(epoch.get("dev_score"));
    }

    @Test
    void early_stopping_stops_after_patience_epochs_without_improvement_and_keeps_the_best_epoch() throws Exception {
        // An accuracy can never beat the first epoch's by more than 1, so epochs 2 and 3 do not improve.
        Path config = TinyRuns.config(tmp, TRAINING);
        TrainingRun.Outcome outcome = TinyRuns.train(TinyRuns.load(config, "training.epochs=10",
                "training.early_stopping.patience=2", "training.early_stopping.min_delta=1.0"), tmp.resolve("stopped"));

        assertTrue(outcome.result().stoppedEarly());
        assertEquals(3, outcome.result().epochs().size());
        assertEquals(1, outcome.result().bestEpoch());
        List<Map<String, Object>> log = TinyRuns.metricsLog(tmp.resolve("stopped"));
        assertEquals(3, TinyRuns.lines(log, "epoch").size());
        assertEquals(Map.of("kind", "final", "best_epoch", 1, "stopped_early", true, "epochs", 3), log.get(log.size() - 1));
        // The bundle holds epoch 1's weights: those of a run that trains exactly one epoch.
        TinyRuns.train(TinyRuns.load(config, "training.epochs=1"), tmp.resolve("one"));
        assertEquals(params(tmp.resolve("one")), params(tmp.resolve("stopped")));
    }

    @Test
    void patience_counts_epochs_in_a_row_and_a_run_that_keeps_improving_trains_every_epoch() throws Exception {
        Path config = TinyRuns.config(tmp, TRAINING);

        TrainingRun.Outcome outcome = TinyRuns.train(TinyRuns.load(config, "training.early_stopping.patience=3",
                "training.early_stopping.min_delta=1.0"), tmp.resolve("run"));

        // Epochs 2 and 3 do not improve, but patience 3 is not used up when the 3 epochs end.
        assertFalse(outcome.result().stoppedEarly());
        assertEquals(3, outcome.result().epochs().size());
    }

    static Stream<Arguments> schedules() {
        double c = Math.cos(Math.PI / 3);
        return Stream.of(
                Arguments.of("{type: constant}", new double[] {0.1, 0.1, 0.1, 0.1}),
                Arguments.of("{type: step, every: 2, gamma: 0.5}", new double[] {0.1, 0.1, 0.05, 0.05}),
                Arguments.of("{type: exponential, gamma: 0.5}", new double[] {0.1, 0.05, 0.025, 0.0125}),
                // warmup 1: half the rate, then a cosine over the 3 epochs left: 1, (1 + cos(pi/3)) / 2, (1 + cos(2pi/3)) / 2
                Arguments.of("{type: cosine, warmup_epochs: 1}", new double[] {0.05, 0.1, 0.1 * (1 + c) / 2, 0.1 * (1 - c) / 2}));
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void learning_rate_of_each_epoch_in_the_log_follows_the_schedule(String schedule, double[] expected) throws Exception {
        Path config = TinyRuns.config(tmp, TRAINING.replace("epochs: 3", "epochs: 4").replace("0.02", "0.1")
                + "lr_schedule: " + schedule + "\n");

        TinyRuns.train(TinyRuns.load(config), tmp.resolve("run"));

        List<Map<String, Object>> log = TinyRuns.metricsLog(tmp.resolve("run"));
        double[] epochRates = TinyRuns.lines(log, "epoch").stream().mapToDouble(l -> (Double) l.get("lr")).toArray();
        assertArrayEquals(expected, epochRates, 1e-12);
        for (Map<String, Object> step : TinyRuns.lines(log, "step")) {
            assertEquals(expected[(Integer) step.get("epoch") - 1], (Double) step.get("lr"), 1e-12, step::toString);
        }
    }

    private static List<Double> losses(TrainingRun.Outcome outcome) {
        return outcome.result().epochs().stream().map(EpochTrainer.Epoch::trainLoss).toList();
    }

    static INDArray params(Path runDir) throws Exception {
        return ModelBundle.read(runDir.resolve("model.rill")).network().params();
    }
}
