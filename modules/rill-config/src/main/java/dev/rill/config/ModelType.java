package dev.rill.config;

/**
 * What kind of model a config trains, named in YAML by {@link #yamlName()} under {@code model.type}.
 * The count-based types are the classical baselines a recurrent language model has to beat; they
 * read only the language-model keys {@code model.order} and {@code model.smoothing}.
 */
public enum ModelType {
    /** A network: embedding, recurrent layers, softmax (every task). */
    RNN("rnn"),
    /** First-order Markov chain over tokens with add-k smoothing ({@code task: language_model} only). */
    MARKOV("markov"),
    /**
     * Order-n n-gram model, a fixed-window autoregressive model AR(n-1), with interpolated
     * Kneser-Ney smoothing ({@code task: language_model} only).
     */
    NGRAM("ngram");

    private final String yamlName;

    ModelType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Whether this model is counted from the training text rather than trained as a network. */
    public boolean counted() {
        return this != RNN;
    }
}
