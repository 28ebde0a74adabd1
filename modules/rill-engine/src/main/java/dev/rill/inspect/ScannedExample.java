package dev.rill.inspect;

import java.util.List;

/**
 * One example of a split as training would see it.
 *
 * @param line       1-based line of the example in its file (a sentence's first line)
 * @param text       the raw text (a tagged sentence's words joined by spaces), for duplicate checks and examples
 * @param length     tokens the network reads (after {@code data.max_length}); 0 for a text the tokenizer empties
 * @param fullLength tokens before {@code data.max_length} cuts the text
 * @param unknown    of the {@code length} tokens, how many map to {@code <unk>} in the training vocabulary
 * @param labels     the label (one for a classifier) or the tags (one per token for a tagger)
 */
public record ScannedExample(long line, String text, int length, int fullLength, int unknown, List<String> labels) {

    public ScannedExample {
        labels = List.copyOf(labels);
    }
}
