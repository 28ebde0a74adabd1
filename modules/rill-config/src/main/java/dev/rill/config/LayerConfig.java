package dev.rill.config;

import java.util.Objects;

/**
 * One recurrent layer of the stack.
 *
 * @param cell          the recurrent cell
 * @param units         hidden units per direction (&gt;= 1)
 * @param bidirectional whether a second copy reads the sequence backwards (outputs are concatenated)
 * @param dropout       drop probability on this layer's input, in [0, 1)
 */
public record LayerConfig(CellType cell, int units, boolean bidirectional, double dropout) {

    public LayerConfig {
        Objects.requireNonNull(cell, "cell");
    }

    /** Width of this layer's output: units, doubled when bidirectional. */
    public int outputSize() {
        return bidirectional ? 2 * units : units;
    }
}
