package dev.rill.report;

/**
 * One {@code "kind":"step"} line of {@code metrics.jsonl}: the minibatch loss logged every
 * {@code training.log_every} minibatches.
 *
 * @param epoch 1-based epoch, 0 when the line does not say
 * @param step  global minibatch count since the start of training (1-based)
 * @param loss  minibatch loss (may be NaN when training diverged)
 * @param lr    learning rate in force, or {@code null}
 */
record StepPoint(int epoch, long step, double loss, Double lr) {
}
