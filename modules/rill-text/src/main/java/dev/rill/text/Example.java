package dev.rill.text;

/**
 * One encoded classification example.
 *
 * @param tokens token ids, never empty
 * @param label  index into the {@link LabelSet}
 */
public record Example(int[] tokens, int label) {

    public int length() {
        return tokens.length;
    }
}
