package dev.rill.engine;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows where an epoch is: a progress bar with examples/s, tokens/s, loss and ETA on a terminal,
 * plain log lines every few minibatches otherwise (a bar redrawn with carriage returns makes
 * unreadable logs). Everything goes to stderr: stdout is kept for results ({@code bundle: PATH}).
 */
public interface Progress extends AutoCloseable {

    /**
     * Starts (or, after a resume, continues) an epoch.
     *
     * @param examples     examples in the epoch
     * @param examplesDone examples of it already trained before this process (0 unless resumed mid-epoch)
     */
    void startEpoch(int epoch, int epochs, long examples, long examplesDone);

    /** Reports a finished minibatch of {@code examples} examples holding {@code tokens} real (unpadded) tokens. */
    void step(int examples, long tokens, double loss);

    /** Ends the epoch. */
    @Override
    void close();

    /** A bar when the console is a terminal, plain lines every {@code logEvery} minibatches otherwise. */
    static Progress forConsole(PrintStream err, int logEvery) {
        return System.console() != null ? new Bar(err) : new Lines(err, logEvery);
    }

    /** Plain lines every {@code logEvery} minibatches, whatever the console is. */
    static Progress lines(PrintStream err, int logEvery) {
        return new Lines(err, logEvery);
    }

    /** Reports nothing (tests, benchmarks). */
    static Progress silent() {
        return new Progress() {
            @Override
            public void startEpoch(int epoch, int epochs, long examples, long examplesDone) {
            }

            @Override
            public void step(int examples, long tokens, double loss) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Terminal bar (me.tongfei:progressbar); tokens/s and loss ride in its extra message. */
    final class Bar implements Progress {
        private final PrintStream err;
        private ProgressBar bar;
        private long tokens;
        private long start;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void startEpoch(int epoch, int epochs, long examples, long examplesDone) {
            tokens = 0;
            start = System.nanoTime();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(examples)
                    .startsFrom(examplesDone, Duration.ZERO)
                    .setUnit(" ex", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }

        @Override
        public void step(int examples, long tokens, double loss) {
            this.tokens += tokens;
            double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            bar.stepBy(examples);
            bar.setExtraMessage(String.format(Locale.ROOT, " %.0f tok/s, loss %.4f", this.tokens / secs, loss));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** Plain periodic lines for logs and CI. */
    final class Lines implements Progress {
        private final PrintStream err;
        private final int every;
        private int epoch;
        private int epochs;
        private long total;
        private long done;
        private long doneBefore;
        private long tokens;
        private long steps;
        private long start;
        private double lossSum;

        Lines(PrintStream err, int every) {
            this.err = err;
            this.every = Math.max(1, every);
        }

        @Override
        public void startEpoch(int epoch, int epochs, long examples, long examplesDone) {
            this.epoch = epoch;
            this.epochs = epochs;
            this.total = examples;
            this.done = examplesDone;
            this.doneBefore = examplesDone;
            this.tokens = 0;
            this.steps = 0;
            this.lossSum = 0;
            this.start = System.nanoTime();
        }

        @Override
        public void step(int examples, long tokens, double loss) {
            done += examples;
            this.tokens += tokens;
            steps++;
            lossSum += loss;
            if (steps % every == 0 || done == total) {
                double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                double rate = (done - doneBefore) / secs;
                long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
                err.printf(Locale.ROOT, "epoch %d/%d  %d/%d ex  %.0f ex/s  %.0f tok/s  loss %.4f  eta %d:%02d%n",
                        epoch, epochs, done, total, rate, this.tokens / secs, lossSum / steps, eta / 60, eta % 60);
            }
        }

        @Override
        public void close() {
        }
    }
}
