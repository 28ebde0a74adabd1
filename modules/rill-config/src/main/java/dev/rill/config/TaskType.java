package dev.rill.config;

/** The task, named in YAML by {@link #yamlName()}; each maps to one sequence shape. */
public enum TaskType {
    /** Many-to-one: a label per text (sentiment). */
    CLASSIFICATION("classification"),
    /** Many-to-many, aligned: a tag per token (part of speech, named entities). */
    TAGGING("tagging"),
    /** Many-to-many, shifted: the next token at every step. */
    LANGUAGE_MODEL("language_model"),
    /** One-to-many: a sequence generated from one input (a label). */
    CONDITIONED_GENERATION("conditioned_generation");

    private final String yamlName;

    TaskType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
