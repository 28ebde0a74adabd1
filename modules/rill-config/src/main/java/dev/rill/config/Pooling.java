package dev.rill.config;

/** How a many-to-one network reduces its per-step outputs to one vector. */
public enum Pooling {
    /** The output at each sequence's last real (unmasked) step. Works with truncated BPTT. */
    LAST("last"),
    /** Mean over the real steps. Needs the whole sequence (no tbptt). */
    MEAN("mean"),
    /** Element-wise maximum over the real steps. Needs the whole sequence (no tbptt). */
    MAX("max");

    private final String yamlName;

    Pooling(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
