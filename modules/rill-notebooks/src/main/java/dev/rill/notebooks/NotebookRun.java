package dev.rill.notebooks;

import java.time.Duration;
import java.util.List;

/**
 * A notebook that ran to the end without a compile error or exception.
 *
 * @param notebook   the notebook
 * @param codeDigest {@link Notebook#codeDigest()} of the code that ran
 * @param cells      one per code cell, in order
 * @param time       from starting JShell to the end of the last cell
 */
public record NotebookRun(Notebook notebook, String codeDigest, List<CellRun> cells, Duration time) {

    public NotebookRun {
        cells = List.copyOf(cells);
    }
}
