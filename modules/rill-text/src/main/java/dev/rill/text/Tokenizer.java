package dev.rill.text;

import java.util.List;

/**
 * Cuts text into tokens. Implementations are thread-safe and deterministic.
 *
 * <p>This is the seam where CoreNLP (GPL) can be swapped for another tokenizer: nothing outside
 * {@link Tokenizers} names a concrete implementation.
 */
public interface Tokenizer {

    /** The tokens of {@code text}, in order; never {@code null}, possibly empty. */
    List<String> tokenize(String text);

    /** Joins tokens back into display text (a space between words; nothing between characters). */
    String detokenize(List<String> tokens);
}
