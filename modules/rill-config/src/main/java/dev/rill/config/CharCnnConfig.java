package dev.rill.config;

/**
 * A character-level word feature for taggers ({@code model.char_cnn}): each word's characters are
 * embedded, convolved with a centred window and max-pooled into {@code filters} numbers that are
 * concatenated with the word embedding. Most tagging errors are on words unseen in training;
 * spelling (suffixes, capitals, digits, hyphens) is what a tagger has to go on for them.
 *
 * @param embedding size of each character's embedding (&gt;= 1)
 * @param filters   convolution filters, the size of the word's character feature (&gt;= 1)
 * @param width     window in characters, odd (&gt;= 1)
 * @param maxChars  characters kept per word; longer words are cut (&gt;= 1)
 */
public record CharCnnConfig(int embedding, int filters, int width, int maxChars) {
}
