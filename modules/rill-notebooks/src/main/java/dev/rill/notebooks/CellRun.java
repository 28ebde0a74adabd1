package dev.rill.notebooks;

import java.time.Duration;

/**
 * What one code cell printed when it ran.
 *
 * @param cell           1-based position among all cells of the notebook
 * @param executionCount 1-based order among code cells: the {@code In [n]} Jupyter shows
 * @param stdout         what the cell's code wrote to {@code System.out}
 * @param stderr         what it wrote to {@code System.err}
 * @param time           how long its snippets took
 */
public record CellRun(int cell, int executionCount, String stdout, String stderr, Duration time) {
}
