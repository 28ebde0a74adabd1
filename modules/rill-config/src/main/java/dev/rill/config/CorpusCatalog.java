package dev.rill.config;

import java.util.Optional;
import java.util.Set;

/**
 * The corpora a config may name in {@code data.corpus}, and the files each one holds.
 *
 * <p>Config validation asks this instead of knowing about manifests itself, so rill-config stays
 * free of the corpus code (which lives in rill-text and depends on rill-config, not the other way
 * round). The implementation is {@code dev.rill.corpus.CorpusRegistry}.
 */
public interface CorpusCatalog {

    /** Whether a corpus of this name is known, e.g. {@code "sst2"}. */
    boolean knows(String corpusName);

    /** Every known corpus name. */
    Set<String> names();

    /**
     * The file paths of a corpus, relative to its folder (e.g. {@code "train.tsv"},
     * {@code "original/glue/dev.tsv"}), or empty when the corpus is unknown.
     */
    Optional<Set<String>> files(String corpusName);
}
