/**
 * Corpora: what they are, where they come from, and getting verified copies of their files.
 *
 * <p>Rill never ships third-party data. Instead each corpus is described by a manifest,
 * {@code corpora/<name>.yaml} in the source tree and {@code rill/corpora/<name>.yaml} in the jar,
 * which records its licence, citation, official downloads and the sha256 and size of every file
 * (see {@link dev.rill.corpus.CorpusManifest} and {@code corpora/README.md}).
 *
 * <ul>
 *   <li>{@link dev.rill.corpus.ManifestReader} parses one manifest, reporting problems as
 *       {@code FILE:LINE:COLUMN: message}.</li>
 *   <li>{@link dev.rill.corpus.CorpusRegistry} holds the known manifests (the ones shipped in the
 *       jar, or a folder of them) and is the {@link dev.rill.config.CorpusCatalog} the config
 *       validator asks.</li>
 *   <li>{@link dev.rill.corpus.CorpusStore} makes the files of a corpus available on disk: from a
 *       local mirror folder, used in place, or downloaded through a
 *       {@link dev.rill.corpus.Downloader} into a cache, always checked against the manifest.</li>
 * </ul>
 *
 * <p>Every failure a user can cause or fix (unknown corpus, bad manifest, missing or corrupt
 * file, failed download) is a checked {@link dev.rill.corpus.CorpusException} whose message says
 * what is wrong and what to do.
 */
package dev.rill.corpus;
