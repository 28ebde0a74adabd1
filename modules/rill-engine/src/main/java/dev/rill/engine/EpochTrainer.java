package dev.rill.engine;

import dev.rill.config.EarlyStoppingConfig;
import dev.rill.config.TrainingConfig;
import dev.rill.text.DataException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a task's network epoch by epoch on the minibatches its adapter makes, keeps the weights of
 * the epoch with the best dev score (model selection on dev; test is never looked at here), stops
 * early when the config says so, logs to {@code metrics.jsonl} and writes checkpoints to resume from.
 *
 * <p>Repeatable: the data order comes from a {@link Random} seeded with {@code training.seed}, and
 * ND4J's generator (dropout masks) is reseeded with {@code seed + step} before every minibatch, so a
 * run resumed at any step draws the same masks as an uninterrupted one.
 *
 * <p>Checkpoints are written after every epoch (after its dev score, so the epoch is complete) and,
 * with {@code training.checkpoint_every: N}, after every N-th minibatch inside an epoch.
 */
public final class EpochTrainer {

    private final TrainingConfig training;
    private final Progress progress;
    private final PrintStream log;
    private final MetricsLog metrics;
    private final Checkpoints checkpoints;

    /**
     * @param log         a line per finished epoch
     * @param metrics     where step, epoch and final lines go
     * @param checkpoints where checkpoints go
     */
    EpochTrainer(TrainingConfig training, Progress progress, PrintStream log, MetricsLog metrics, Checkpoints checkpoints) {
        this.training = training;
        this.progress = progress;
        this.log = log;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
    }

    /**
     * One finished epoch.
     *
     * @param epoch        1-based
     * @param trainLoss    mean minibatch loss
     * @param devScore     dev score after the epoch (the task's {@link TaskAdapter#devMetric()}), NaN without a dev split
     * @param learningRate the rate the updater applied during the epoch
     * @param seconds      training time of the epoch (dev evaluation excluded)
     * @param examples     training examples seen
     * @param tokens       training tokens seen
     */
    public record Epoch(int epoch, double trainLoss, double devScore, double learningRate, double seconds, long examples, long tokens) {
    }

    /**
     * What training produced.
     *
     * @param epochs       per-epoch figures
     * @param bestEpoch    epoch whose weights the network now holds
     * @param stoppedEarly whether early stopping ended training before {@code training.epochs}
     */
    public record Result(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) {
        public double trainSeconds() {
            return epochs.stream().mapToDouble(Epoch::seconds).sum();
        }

        public long examples() {
            return epochs.stream().mapToLong(Epoch::examples).sum();
        }

        public long tokens() {
            return epochs.stream().mapToLong(Epoch::tokens).sum();
        }
    }

    /**
     * Trains the task's network in place; on return it holds the best epoch's weights (the last
     * without dev data).
     *
     * @param from the checkpoint to continue from, or {@code null} to start from the network as built
     */
    public Result train(TaskAdapter task, Checkpoints.Checkpoint from) throws IOException {
        if (training.earlyStopping() != null && !task.hasDev()) {
            throw new DataException("training.early_stopping watches the dev score, but there is no dev data; "
                    + "add data.splits.dev or data.dev_fraction, or remove training.early_stopping");
        }
        MultiLayerNetwork net = task.network();
        Run run = from == null ? new Run(TrainerState.start(training.seed()), null) : new Run(from.state(), from.best());
        if (from != null) {
            restore(net, from.network());
        }
        while (!run.state.finished(training.epochs())) {
            Random rng = trainEpoch(task, net, run);
            finishEpoch(task, net, run, rng);
        }
        if (run.best != null) {
            net.setParams(run.best);
        }
        TrainerState s = run.state;
        int bestEpoch = s.bestEpoch > 0 ? s.bestEpoch : s.epochs.size();
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("kind", "final");
        last.put("best_epoch", bestEpoch);
        last.put("stopped_early", s.stoppedEarly);
        last.put("epochs", s.epochs.size());
        metrics.write(last);
        return new Result(List.copyOf(s.epochs), bestEpoch, s.stoppedEarly);
    }

    /**
     * For a model fitted in one pass instead of trained (a count-based language model, no network):
     * scores dev, logs the fit as one epoch like a trained one (log line, {@code metrics.jsonl}
     * epoch and final lines) and returns it. Nothing to checkpoint: refitting is as fast as loading.
     *
     * @param trainLoss the model's loss on its training data
     * @param seconds   time the fit took
     */
    public Result fitted(TaskAdapter task, double trainLoss, double seconds) {
        double devScore = task.hasDev() ? task.devScore() : Double.NaN;
        Map<String, Object> taskFields = task.epochFields();
        Epoch epoch = new Epoch(1, trainLoss, devScore, Double.NaN, seconds, task.trainExamples(), task.trainTokens());
        metrics.write(epochLine(epoch, task, taskFields));
        log.printf(Locale.ROOT, "epoch 1: train loss %.4f, dev %s %.4f, %.1f s (%.0f tokens/s)%n",
                trainLoss, task.devMetric(), devScore, seconds, epoch.tokens() / Math.max(1e-9, seconds));
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("kind", "final");
        last.put("best_epoch", 1);
        last.put("stopped_early", false);
        last.put("epochs", 1);
        metrics.write(last);
        return new Result(List.of(epoch), 1, false);
    }

    /** What one training run carries from epoch to epoch. */
    private static final class Run {
        final TrainerState state;
        INDArray best;

        Run(TrainerState state, INDArray best) {
            this.state = state;
            this.best = best;
        }
    }

    /**
     * Trains the rest of the current epoch: its minibatches after the ones a resumed run already trained.
     *
     * @return the trainer's generator as the epoch left it (the next epoch starts from it)
     */
    private Random trainEpoch(TaskAdapter task, MultiLayerNetwork net, Run run) throws IOException {
        TrainerState s = run.state;
        LearningRates.enterEpoch(net, s.epoch);
        double lr = LearningRates.current(net);
        Random rng = s.rngAtEpochStart();
        Iterator<DataSet> batches = task.trainBatches(rng).iterator();
        long skippedExamples = 0;
        for (int i = 0; i < s.batchesDone; i++) {
            skippedExamples += batches.next().getFeatures().size(0); // trained before the interruption
        }
        progress.startEpoch(s.epoch, training.epochs(), task.trainExamples(), skippedExamples);
        try (progress) {
            long last = System.nanoTime();
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                Nd4j.getRandom().setSeed(training.seed() + s.step + 1);
                net.fit(batch);
                double loss = task.trainLoss(net.score(), batch);
                int examples = (int) batch.getFeatures().size(0);
                long tokens = tokens(batch);
                long now = System.nanoTime();
                s.epochSeconds += (now - last) / 1e9;
                s.step++;
                s.batchesDone++;
                s.examples += examples;
                s.tokens += tokens;
                s.epochLossSum += loss;
                s.windowLossSum += loss;
                s.windowBatches++;
                progress.step(examples, tokens, loss);
                if (s.step % training.logEvery() == 0) {
                    metrics.write(stepLine(s, lr));
                    s.windowLossSum = 0;
                    s.windowBatches = 0;
                }
                if (training.checkpointEvery() > 0 && s.step % training.checkpointEvery() == 0 && batches.hasNext()) {
                    save(net, run);
                }
                FaultInjection.afterStep(s.step);
                last = System.nanoTime();
            }
        }
        return rng;
    }

    /** Scores dev, keeps the best weights, decides on early stopping, logs the epoch and checkpoints. */
    private void finishEpoch(TaskAdapter task, MultiLayerNetwork net, Run run, Random rng) throws IOException {
        TrainerState s = run.state;
        int e = s.epoch;
        double devScore = task.hasDev() ? task.devScore() : Double.NaN;
        Map<String, Object> taskFields = task.epochFields();
        double lr = LearningRates.current(net);
        Epoch epoch = new Epoch(e, s.epochLossSum / Math.max(1, s.batchesDone), devScore, lr, s.epochSeconds,
                task.trainExamples(), task.trainTokens());
        s.epochs.add(epoch);
        if (task.hasDev()) {
            select(net, run, devScore);
        }
        metrics.write(epochLine(epoch, task, taskFields));
        log.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s %.4f, lr %.3g, %.1f s (%.0f tokens/s)%n",
                e, epoch.trainLoss(), task.devMetric(), devScore, lr, epoch.seconds(), epoch.tokens() / Math.max(1e-9, epoch.seconds()));

        s.finishedSeconds += s.epochSeconds;
        s.epochSeconds = 0;
        s.epochLossSum = 0;
        s.batchesDone = 0;
        s.epoch++;
        s.rememberEpochStart(rng);
        EarlyStoppingConfig stopping = training.earlyStopping();
        if (stopping != null && s.epochsWithoutImprovement >= stopping.patience() && e < training.epochs()) {
            s.stoppedEarly = true;
            log.printf(Locale.ROOT, "early stopping: dev %s has not improved on epoch %d's %.4f for %d epochs%n",
                    task.devMetric(), s.bestEpoch, s.bestScore, s.epochsWithoutImprovement);
        }
        save(net, run);
    }

    /**
     * Model selection: an epoch improves when its dev score beats the best so far by more than
     * {@code early_stopping.min_delta} (0 without early stopping); then its weights become the best.
     */
    private void select(MultiLayerNetwork net, Run run, double devScore) {
        TrainerState s = run.state;
        double minDelta = training.earlyStopping() == null ? 0 : training.earlyStopping().minDelta();
        if (devScore > s.bestScore + minDelta) {
            s.bestScore = devScore;
            s.bestEpoch = s.epoch;
            s.epochsWithoutImprovement = 0;
            run.best = net.params().dup();
        } else {
            s.epochsWithoutImprovement++;
        }
    }

    private static Map<String, Object> epochLine(Epoch epoch, TaskAdapter task, Map<String, Object> taskFields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "epoch");
        line.put("epoch", epoch.epoch());
        line.put("train_loss", epoch.trainLoss());
        line.put("dev_metric", task.devMetric());
        line.put("dev_score", epoch.devScore());
        line.put("lr", epoch.learningRate());
        line.put("seconds", epoch.seconds());
        line.put("tokens_per_s", epoch.tokens() / Math.max(1e-9, epoch.seconds()));
        line.putAll(taskFields);
        return line;
    }

    /** Real tokens in a minibatch: the features mask's ones, or every step when nothing is masked. */
    static long tokens(DataSet batch) {
        INDArray mask = batch.getFeaturesMaskArray();
        if (mask != null) {
            return Math.round(mask.sumNumber().doubleValue());
        }
        INDArray f = batch.getFeatures();
        return f.size(0) * f.size(f.rank() - 1);
    }

    private Map<String, Object> stepLine(TrainerState s, double lr) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "step");
        line.put("epoch", s.epoch);
        line.put("step", s.step);
        line.put("examples", s.examples);
        line.put("tokens", s.tokens);
        line.put("loss", s.windowLossSum / Math.max(1, s.windowBatches));
        line.put("lr", lr);
        line.put("tokens_per_s", s.tokens / Math.max(1e-9, s.totalSeconds()));
        line.put("seconds", s.totalSeconds());
        return line;
    }

    private void save(MultiLayerNetwork net, Run run) throws IOException {
        run.state.metricsLogBytes = metrics.sync();
        checkpoints.save(net, run.state, run.best);
    }

    /** Puts a checkpoint's weights, updater state and DL4J counters into the adapter's network. */
    private static void restore(MultiLayerNetwork net, MultiLayerNetwork saved) {
        if (net.numParams() != saved.numParams()) {
            throw new DataException("the checkpoint's network has " + saved.numParams() + " parameters but the config builds "
                    + net.numParams() + "; the run folder was not made by this config");
        }
        net.setParams(saved.params());
        INDArray state = net.getUpdater().getStateViewArray();
        INDArray savedState = saved.getUpdater().getStateViewArray();
        if (state != null && savedState != null) {
            state.assign(savedState);
        }
        net.setIterationCount(saved.getIterationCount());
        net.setEpochCount(saved.getEpochCount());
    }
}
