package dev.rill.config;

/**
 * Stop training when the dev score has not improved for a while ({@code training.early_stopping}).
 *
 * <pre>
 * training:
 *   early_stopping: {patience: 3, min_delta: 0.0}
 * </pre>
 *
 * <p>An epoch improves when its dev score is higher than the best so far by more than
 * {@code min_delta}; only then are its weights kept as the best. Training stops after
 * {@code patience} epochs in a row without improvement, and the best epoch's weights are the
 * model. Needs a dev split ({@code data.splits.dev} or {@code data.dev_fraction}).
 *
 * @param patience epochs without improvement before stopping (&gt;= 1)
 * @param minDelta how much higher than the best a dev score must be to count as better (&gt;= 0)
 */
public record EarlyStoppingConfig(int patience, double minDelta) {
}
