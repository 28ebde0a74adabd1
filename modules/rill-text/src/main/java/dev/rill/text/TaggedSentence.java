package dev.rill.text;

import java.util.List;

/**
 * One sentence of a tagged corpus: its word forms and one tag per form.
 *
 * @param forms the words, in order; never empty
 * @param tags  one tag per word, same size as {@code forms}
 * @param line  the 1-based line of the sentence's first word row in its file, for error messages
 */
public record TaggedSentence(List<String> forms, List<String> tags, long line) {

    /**
     * Copies both lists (so a reader's buffers can be reused) and checks they align.
     *
     * @throws IllegalArgumentException when the sizes differ or the sentence is empty
     */
    public TaggedSentence {
        forms = List.copyOf(forms);
        tags = List.copyOf(tags);
        if (forms.size() != tags.size()) {
            throw new IllegalArgumentException("line " + line + ": " + forms.size() + " forms but " + tags.size() + " tags");
        }
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("line " + line + ": a sentence needs at least one word");
        }
    }

    /** The number of words. */
    public int size() {
        return forms.size();
    }
}
