package dev.rill.config;

/** Recurrent cells, named in YAML by {@link #yamlName()}. */
public enum CellType {
    LSTM("lstm"),
    /** Gated recurrent unit (Rill's own layer: DL4J has none). */
    GRU("gru"),
    /** DL4J's SimpleRnn: the vanilla tanh RNN. */
    RNN("rnn");

    private final String yamlName;

    CellType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
