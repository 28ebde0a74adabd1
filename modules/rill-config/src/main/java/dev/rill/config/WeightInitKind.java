package dev.rill.config;

/** Weight initialisation schemes, named in YAML by {@link #yamlName()}. */
public enum WeightInitKind {
    XAVIER("xavier"),
    RELU("relu"),
    UNIFORM("uniform"),
    NORMAL("normal");

    private final String yamlName;

    WeightInitKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
