package dev.rill.notebooks;

/**
 * A notebook that does not run: a cell that does not compile, throws, refers to something never
 * defined, uses a kernel magic the runner cannot stand in for, or runs past the time limit. The
 * message starts with the notebook's file name and the cell, e.g.
 * {@code 01-sentiment.ipynb, cell 5 (In [3]), line 2: does not compile: cannot find symbol ...}.
 */
public final class NotebookException extends Exception {

    private final String notebook;
    private final int cell;

    NotebookException(String notebook, int cell, String message) {
        super(message);
        this.notebook = notebook;
        this.cell = cell;
    }

    /** The notebook's file name. */
    public String notebook() {
        return notebook;
    }

    /** 1-based position of the failing cell among all cells, or 0 when no cell is to blame. */
    public int cell() {
        return cell;
    }
}
