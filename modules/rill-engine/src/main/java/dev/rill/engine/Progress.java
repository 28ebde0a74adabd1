package dev.rill.engine;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows where an epoch is: a progress bar with examples/s and ETA on a terminal, plain log lines
 * every few minibatches otherwise (a bar redrawn with carriage returns makes unreadable logs).
 * Everything goes to stderr: stdout is kept for results ({@code bundle: PATH}).
 */
public interface Progress extends AutoCloseable {

    /** Starts an epoch of {@code examples} examples. */
    void startEpoch(int epoch, int epochs, long examples);

    /** Reports a finished minibatch. */
    void step(int examples, double loss);

    /** Ends the epoch. */
    @Override
    void close();

    /** A bar on a terminal, plain lines every {@code logEvery} minibatches otherwise. */
    static Progress forConsole(PrintStream err, int logEvery) {
        return System.console() != null ? new Bar(err) : new Lines(err, logEvery);
    }

    /** Reports nothing (tests, benchmarks). */
    static Progress silent() {
        return new Progress() {
            @Override
            public void startEpoch(int epoch, int epochs, long examples) {
            }

            @Override
            public void step(int examples, double loss) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Terminal bar (me.tongfei:progressbar). */
    final class Bar implements Progress {
        private final PrintStream err;
        private ProgressBar bar;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void startEpoch(int epoch, int epochs, long examples) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(examples)
                    .setUnit(" ex", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }

        @Override
        public void step(int examples, double loss) {
            bar.stepBy(examples);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
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
        private long steps;
        private long start;
        private double lossSum;

        Lines(PrintStream err, int every) {
            this.err = err;
            this.every = Math.max(1, every);
        }

        @Override
        public void startEpoch(int epoch, int epochs, long examples) {
            this.epoch = epoch;
            this.epochs = epochs;
            this.total = examples;
            this.done = 0;
            this.steps = 0;
            this.lossSum = 0;
            this.start = System.nanoTime();
        }

        @Override
        public void step(int examples, double loss) {
            done += examples;
            steps++;
            lossSum += loss;
            if (steps % every == 0 || done == total) {
                double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                double rate = done / secs;
                long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
                err.printf(Locale.ROOT, "epoch %d/%d  %d/%d ex  %.0f ex/s  loss %.4f  eta %d:%02d%n",
                        epoch, epochs, done, total, rate, lossSum / steps, eta / 60, eta % 60);
            }
        }

        @Override
        public void close() {
        }
    }
}
