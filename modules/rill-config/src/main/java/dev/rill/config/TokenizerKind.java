package dev.rill.config;

/** Tokenizers, named in YAML by {@link #yamlName()}. */
public enum TokenizerKind {
    /** Stanford CoreNLP's PTB tokenizer: words, with punctuation and clitics split off. */
    CORENLP("corenlp"),
    /** One token per Unicode code point. */
    CHAR("char"),
    /** Split on runs of white space (for pre-tokenized corpora). */
    WHITESPACE("whitespace");

    private final String yamlName;

    TokenizerKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
