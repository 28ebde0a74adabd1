package dev.rill.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where training is, apart from the network: everything a checkpoint needs besides the weights and
 * updater state so that a resumed run continues exactly as the uninterrupted one would have.
 *
 * <p>Data order: adapters draw each epoch's minibatch order from the trainer's {@link Random}, whose
 * state carries over from epoch to epoch. The state keeps that generator as it was when the current
 * epoch started; a resumed run restores it, asks the adapter for the same epoch's minibatches and
 * skips the {@link #batchesDone} already trained.
 */
final class TrainerState {

    /** The epoch being trained, or the next to start (1-based; past the last when training is over). */
    int epoch = 1;
    /** Minibatches of {@link #epoch} already trained. */
    int batchesDone;
    /** Minibatches trained since the start of training (the {@code step} of metrics.jsonl). */
    long step;
    /** Examples and tokens trained on since the start. */
    long examples;
    long tokens;
    /** Training seconds of the finished epochs, and of {@link #epoch} so far. */
    double finishedSeconds;
    double epochSeconds;
    /** Sum of the minibatch losses of {@link #epoch} so far. */
    double epochLossSum;
    /** Sum and count of the minibatch losses since the last step line. */
    double windowLossSum;
    int windowBatches;
    /** Finished epochs. */
    final List<EpochTrainer.Epoch> epochs = new ArrayList<>();
    /** The best dev score so far and its epoch (0 before any). */
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch;
    /** Epochs in a row whose dev score did not improve on the best. */
    int epochsWithoutImprovement;
    boolean stoppedEarly;
    /** Length of metrics.jsonl when the state was saved. */
    long metricsLogBytes;
    /** The trainer's generator as it was when {@link #epoch} started, serialized. */
    private byte[] rngAtEpochStart;

    /** The state before the first minibatch. */
    static TrainerState start(long seed) {
        TrainerState s = new TrainerState();
        s.rememberEpochStart(new Random(seed));
        return s;
    }

    /** A copy of the generator as it was when the current epoch started. */
    Random rngAtEpochStart() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(rngAtEpochStart))) {
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("checkpoint holds no valid random state", e);
        }
    }

    /**
     * Records {@code rng} as the start of the current epoch. {@link Random} serializes its whole state
     * (seed and the cached Gaussian), so the copy continues exactly where it is.
     */
    void rememberEpochStart(Random rng) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rng);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rngAtEpochStart = bytes.toByteArray();
    }

    /** Whether there is nothing left to train. */
    boolean finished(int maxEpochs) {
        return stoppedEarly || epoch > maxEpochs;
    }

    /** Training seconds since the start, including the current epoch's so far. */
    double totalSeconds() {
        return finishedSeconds + epochSeconds;
    }

    /** The state as JSON-ready values; doubles are written by Jackson in a form that reads back to the same bits. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("batches_done", batchesDone);
        m.put("step", step);
        m.put("examples", examples);
        m.put("tokens", tokens);
        m.put("finished_seconds", finishedSeconds);
        m.put("epoch_seconds", epochSeconds);
        m.put("epoch_loss_sum", epochLossSum);
        m.put("window_loss_sum", windowLossSum);
        m.put("window_batches", windowBatches);
        m.put("epochs", epochs.stream().map(TrainerState::epochMap).toList());
        m.put("best_score", bestScore);
        m.put("best_epoch", bestEpoch);
        m.put("epochs_without_improvement", epochsWithoutImprovement);
        m.put("stopped_early", stoppedEarly);
        m.put("metrics_log_bytes", metricsLogBytes);
        m.put("rng_at_epoch_start", Base64.getEncoder().encodeToString(rngAtEpochStart));
        return m;
    }

    static TrainerState fromMap(Map<String, Object> m) {
        TrainerState s = new TrainerState();
        s.epoch = integer(m, "epoch");
        s.batchesDone = integer(m, "batches_done");
        s.step = longValue(m, "step");
        s.examples = longValue(m, "examples");
        s.tokens = longValue(m, "tokens");
        s.finishedSeconds = real(m.get("finished_seconds"));
        s.epochSeconds = real(m.get("epoch_seconds"));
        s.epochLossSum = real(m.get("epoch_loss_sum"));
        s.windowLossSum = real(m.get("window_loss_sum"));
        s.windowBatches = integer(m, "window_batches");
        for (Object e : (List<?>) m.get("epochs")) {
            s.epochs.add(epoch((Map<?, ?>) e));
        }
        s.bestScore = real(m.get("best_score"));
        s.bestEpoch = integer(m, "best_epoch");
        s.epochsWithoutImprovement = integer(m, "epochs_without_improvement");
        s.stoppedEarly = (Boolean) m.get("stopped_early");
        s.metricsLogBytes = longValue(m, "metrics_log_bytes");
        s.rngAtEpochStart = Base64.getDecoder().decode((String) m.get("rng_at_epoch_start"));
        return s;
    }

    private static Map<String, Object> epochMap(EpochTrainer.Epoch e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("train_loss", e.trainLoss());
        m.put("dev_score", e.devScore());
        m.put("lr", e.learningRate());
        m.put("seconds", e.seconds());
        m.put("examples", e.examples());
        m.put("tokens", e.tokens());
        return m;
    }

    private static EpochTrainer.Epoch epoch(Map<?, ?> m) {
        return new EpochTrainer.Epoch(((Number) m.get("epoch")).intValue(), real(m.get("train_loss")), real(m.get("dev_score")),
                real(m.get("lr")), real(m.get("seconds")), ((Number) m.get("examples")).longValue(), ((Number) m.get("tokens")).longValue());
    }

    private static int integer(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    private static long longValue(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    /** Jackson writes NaN and the infinities as strings ("NaN", "-Infinity"), which parse back. */
    private static double real(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value == null ? Double.NaN : Double.parseDouble((String) value);
    }
}
