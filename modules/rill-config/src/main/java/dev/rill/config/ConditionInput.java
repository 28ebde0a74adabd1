package dev.rill.config;

/**
 * Where a one-to-many generator ({@code task: conditioned_generation}) reads its label.
 * Both read it first, as a condition token before the first word.
 */
public enum ConditionInput {
    /**
     * Also beside every token, as a one-hot appended to the token's embedding (DL4J's
     * {@code DuplicateToTimeSeriesVertex} idiom): the label reaches every step directly.
     */
    EVERY_STEP("every_step"),
    /**
     * Only as the first token: the rest of the text sees it through the recurrent state alone
     * (how Rill's generators worked before every_step; kept to reproduce them).
     */
    FIRST_STEP("first_step");

    private final String yamlName;

    ConditionInput(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
