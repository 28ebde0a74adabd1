package dev.rill.config;

import java.util.Optional;
import java.util.Set;

/**
 * The corpora Rill can fetch or find in the mirror, as the config loader needs to see them.
 *
 * <p>Declared here, and implemented by the corpus module, so the config module can check
 * {@code data.corpus} and the split file names without depending on how corpora are fetched.
 */
public interface CorpusCatalog {

    /** Whether a manifest named {@code corpusName} exists. */
    boolean knows(String corpusName);

    /** Every known corpus name, for "did you mean" suggestions. */
    Set<String> names();

    /**
     * The file names the manifest of {@code corpusName} provides, or empty when the corpus is
     * unknown or its manifest does not list files (then split file names are not checked).
     */
    Optional<Set<String>> files(String corpusName);
}
