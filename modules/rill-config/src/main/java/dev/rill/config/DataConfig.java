package dev.rill.config;

import java.util.Map;
import java.util.Objects;

/**
 * Where examples come from and how text becomes token ids.
 *
 * <pre>
 * data:
 *   corpus: sst2              # a manifest name in corpora/ (fetched or taken from the mirror) ...
 *   dir: null                 # ... or a folder of files, relative to the config file
 *   format: label_text_tsv    # label_text_tsv | conllu | form_tag_tsv | plain_text; default: the task's usual one
 *   splits: {train: train.tsv, dev: dev.tsv, test: test.tsv}
 *   tokenizer: corenlp        # corenlp | char | whitespace
 *   lowercase: false
 *   vocab_size: 20000         # cap, most frequent first (special tokens included)
 *   min_frequency: 1          # rarer training tokens map to the OOV token
 *   max_length: 0             # tokens kept per example; 0 keeps all
 *   limit: 0                  # use only the first N examples of each split; 0 uses all
 *   dev_fraction: 0.0         # hold this share of train out as dev when the corpus has no dev split
 *   tag_column: upos          # tagging: upos | xpos (see TagColumn)
 * </pre>
 *
 * @param corpus       manifest name, or {@code null} when {@code dir} is given (exactly one of the two is set)
 * @param dir          folder holding the split files, or {@code null} when {@code corpus} is given
 * @param format       file format of every split
 * @param splits       split name ({@code train}, {@code dev}, {@code test}, ...) to file name; {@code train} is required
 * @param tokenizer    how text is cut into tokens
 * @param lowercase    whether text is lowercased before tokenization
 * @param vocabSize    maximum vocabulary size, special tokens included
 * @param minFrequency minimum training-set count for a token to get its own id
 * @param maxLength    maximum tokens per example (longer ones are cut); 0 means no limit
 * @param limit        first N examples per split; 0 means all
 * @param devFraction  share of the training examples (a seeded random sample) held out as the dev split,
 *                     in [0, 0.5); 0 holds nothing out. Only for corpora without a dev file (IMDB).
 * @param tagColumn    which tag set a tagging corpus is read with
 */
public record DataConfig(
        String corpus,
        String dir,
        DataFormat format,
        Map<String, String> splits,
        TokenizerKind tokenizer,
        boolean lowercase,
        int vocabSize,
        int minFrequency,
        int maxLength,
        int limit,
        double devFraction,
        TagColumn tagColumn) {

    public DataConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tagColumn, "tagColumn");
        Objects.requireNonNull(tokenizer, "tokenizer");
        splits = Map.copyOf(splits);
    }

    /** This config reading its split files from {@code folder} instead. */
    public DataConfig withDir(String folder) {
        return new DataConfig(null, folder, format, splits, tokenizer, lowercase, vocabSize, minFrequency, maxLength, limit,
                devFraction, tagColumn);
    }

    /** The file name of a split, or {@code null} when the config does not name it. */
    public String split(String name) {
        return splits.get(name);
    }
}
