package dev.rill.text;

import dev.rill.config.TokenizerKind;

/** Makes the tokenizer a config names. */
public final class Tokenizers {

    private Tokenizers() {
    }

    public static Tokenizer create(TokenizerKind kind) {
        return switch (kind) {
            case CORENLP -> new CoreNlpTokenizer();
            case CHAR -> new CharTokenizer();
            case WHITESPACE -> new WhitespaceTokenizer();
        };
    }
}
