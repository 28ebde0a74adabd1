package dev.rill.inspect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link DataDoctor} found.
 *
 * @param errors     problems that make training fail, each naming its file (and line)
 * @param warnings   problems training survives but a person should look at
 * @param splits     the splits that could be read, train first
 * @param lengths    the training split's lengths, or null when train could not be read
 * @param labels     per split, each label or tag with its count, most frequent first
 * @param duplicates per evaluation split, its examples whose text also occurs in train
 */
public record DoctorReport(List<String> errors, List<String> warnings, List<SplitSummary> splits, LengthProfile lengths,
                           Map<String, Map<String, Long>> labels, List<Duplicates> duplicates) {

    /** Whether training would fail. */
    public boolean failed() {
        return !errors.isEmpty();
    }

    /**
     * One split.
     *
     * @param name     {@code train}, {@code dev}, {@code test}
     * @param file     the file it was read from
     * @param examples examples (texts or sentences)
     * @param tokens   tokens the network reads
     * @param unknown  of those, tokens outside the training vocabulary
     * @param empty    examples the tokenizer leaves without a token
     */
    public record SplitSummary(String name, Path file, int examples, long tokens, long unknown, int empty) {
        /** Share of tokens that map to {@code <unk>}. */
        public double oovRate() {
            return tokens == 0 ? 0 : unknown / (double) tokens;
        }
    }

    /**
     * Examples of an evaluation split that occur verbatim in train.
     *
     * @param split    the evaluation split
     * @param count    how many of its examples do
     * @param examples a few of them: the text, and where it is in both files
     */
    public record Duplicates(String split, int count, List<String> examples) {
    }
}
