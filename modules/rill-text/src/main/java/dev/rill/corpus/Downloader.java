package dev.rill.corpus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Gets the bytes at a URL into a file. {@link CorpusStore} calls it with a fresh temporary file
 * and checks size and sha256 itself, so an implementation only transfers bytes; it is an interface
 * so tests (and offline setups) can serve bytes without a network.
 */
@FunctionalInterface
public interface Downloader {

    /**
     * Writes the body at {@code uri} into {@code target}, replacing what it holds.
     *
     * @throws IOException on any failure (unreachable host, HTTP error status, connection cut);
     *                     {@code target} may then hold part of the body, and the caller deletes it
     */
    void download(URI uri, Path target) throws IOException;
}
