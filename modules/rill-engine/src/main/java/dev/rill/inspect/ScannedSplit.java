package dev.rill.inspect;

import java.nio.file.Path;
import java.util.List;

/**
 * The examples of one split, in file order.
 *
 * @param name     {@code train}, {@code dev}, {@code test}
 * @param file     the file it was read from (for a dev split held out of train: the train file)
 * @param examples the examples
 */
public record ScannedSplit(String name, Path file, List<ScannedExample> examples) {

    public ScannedSplit {
        examples = List.copyOf(examples);
    }

    /** Tokens per example (what the network reads). */
    public int[] lengths() {
        return examples.stream().mapToInt(ScannedExample::length).toArray();
    }

    /** Tokens in the split. */
    public long tokens() {
        return examples.stream().mapToLong(ScannedExample::length).sum();
    }

    /** Tokens that map to {@code <unk>}. */
    public long unknownTokens() {
        return examples.stream().mapToLong(ScannedExample::unknown).sum();
    }
}
