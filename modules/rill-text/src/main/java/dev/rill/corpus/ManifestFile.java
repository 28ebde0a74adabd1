package dev.rill.corpus;

import dev.rill.config.DataFormat;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a corpus, as its manifest describes it.
 *
 * <pre>
 * - path: original/glue/train.tsv     # relative to the corpus folder, '/'-separated
 *   format: label_text_tsv            # optional: only for files Rill reads
 *   sha256: 48eac263...               # of the exact bytes, lowercase hex
 *   bytes: 3806081
 *   url: https://raw.githubusercontent.com/...   # a direct download, where one exists
 *   derived_from: how it is made from the official data, when it is not downloadable as is
 * </pre>
 *
 * @param path        path relative to the corpus folder, '/'-separated, without {@code .}, {@code ..}
 *                    or segments starting with a dot (those are reserved for the cache's own files)
 * @param format      the format Rill reads it in, or empty for files kept only for provenance
 *                    (licences, READMEs, originals in other layouts)
 * @param sha256      SHA-256 of the file, 64 lowercase hex digits
 * @param bytes       size in bytes
 * @param url         where the exact bytes can be downloaded, or empty
 * @param derivedFrom how the file is made from the official data, or empty; at least one of
 *                    {@code url} and {@code derivedFrom} is present
 */
public record ManifestFile(
        String path,
        Optional<DataFormat> format,
        String sha256,
        long bytes,
        Optional<URI> url,
        Optional<String> derivedFrom) {

    public ManifestFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(derivedFrom, "derivedFrom");
        if (url.isEmpty() && derivedFrom.isEmpty()) {
            throw new IllegalArgumentException(path + ": needs a url or derived_from");
        }
    }

    /** Whether the store can download this file by itself (otherwise it needs a mirror). */
    public boolean downloadable() {
        return url.isPresent();
    }
}
