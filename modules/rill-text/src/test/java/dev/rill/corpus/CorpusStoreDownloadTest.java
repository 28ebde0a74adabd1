package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store without a mirror, downloading through a fake {@link Downloader}. */
class CorpusStoreDownloadTest {

    private static final List<Fixtures.FakeFile> WEB = List.of(
            new Fixtures.FakeFile("train.txt", "a long time ago in a galaxy far, far away\n", "https://example.org/train.txt"),
            new Fixtures.FakeFile("extra/notes.md", "# notes\n", "https://example.org/notes.md"));

    /** Serves fixed bytes per URL and records what was asked for. */
    static final class FakeDownloader implements Downloader {
        final Map<URI, byte[]> served = new HashMap<>();
        final List<URI> requests = new ArrayList<>();

        FakeDownloader serving(List<Fixtures.FakeFile> files) {
            files.stream().filter(f -> f.url() != null).forEach(f -> served.put(URI.create(f.url()), f.bytes()));
            return this;
        }

        @Override
        public void download(URI uri, Path target) throws IOException {
            requests.add(uri);
            byte[] bytes = served.get(uri);
            if (bytes == null) {
                throw new IOException("HTTP 404 from " + uri);
            }
            Files.write(target, bytes);
        }
    }

    @TempDir
    Path cache;

    private CorpusStore store(List<Fixtures.FakeFile> files, Downloader downloader) throws CorpusException {
        return new CorpusStore(Fixtures.registryOf("web", files), cache, Optional.empty(), downloader,
                CorpusStore.MirrorMode.IN_PLACE);
    }

    @Test
    void filesWithAUrlAreDownloadedVerifiedAndKeptInTheCache() throws Exception {
        FakeDownloader downloader = new FakeDownloader().serving(WEB);
        CorpusStore store = store(WEB, downloader);

        assertEquals(cache.resolve("web"), store.fetch("web"));

        assertEquals(List.of("web/.verified", "web/extra/notes.md", "web/train.txt"), Fixtures.filesUnder(cache));
        assertArrayEquals(WEB.get(0).bytes(), Files.readAllBytes(cache.resolve("web/train.txt")));
        assertEquals(2, downloader.requests.size());

        // A second fetch finds everything verified and downloads nothing.
        store.fetch("web");
        assertEquals(cache.resolve("web/extra/notes.md"), store.file("web", "extra/notes.md"));
        assertEquals(2, downloader.requests.size());
        assertEquals(cache.resolve("web"), store.verify("web"));
    }

    @Test
    void aDownloadThatBreaksOffLeavesNoPartialFileInTheCache() throws Exception {
        Downloader breaksOff = (uri, target) -> {
            byte[] half = Arrays.copyOf(WEB.get(0).bytes(), 10);
            Files.write(target, half);
            throw new IOException("connection reset");
        };
        CorpusStore store = store(WEB, breaksOff);

        CorpusException e = assertThrows(CorpusException.class, () -> store.file("web", "train.txt"));

        assertTrue(e.getMessage().startsWith("could not fetch web/train.txt from https://example.org/train.txt: "
                + "java.io.IOException: connection reset. Check the network connection, or use a local copy"), e.getMessage());
        assertEquals(List.of(), Fixtures.filesUnder(cache).stream().filter(p -> !p.endsWith(".verified")).toList());
    }

    @Test
    void aDownloadWithWrongBytesIsRejectedNamingTheUrlAndBothChecksums() throws Exception {
        FakeDownloader downloader = new FakeDownloader().serving(WEB);
        byte[] errorPage = "<html>moved</html>".getBytes(StandardCharsets.UTF_8);
        downloader.served.put(URI.create("https://example.org/notes.md"), errorPage);
        CorpusStore store = store(WEB, downloader);

        CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("web"));

        assertTrue(e.getMessage().startsWith("checksum mismatch for web/extra/notes.md from https://example.org/notes.md: "
                + "expected sha256 " + Fixtures.sha256(WEB.get(1).bytes()) + " (8 bytes), got sha256 "
                + Fixtures.sha256(errorPage) + " (18 bytes)"), e.getMessage());
        // The good file stays (verified), the bad one never appears, no temporary file is left.
        assertEquals(List.of("web/.verified", "web/train.txt"), Fixtures.filesUnder(cache));
    }

    @Test
    void aDamagedCachedFileIsReplacedByAFreshDownload() throws Exception {
        FakeDownloader downloader = new FakeDownloader().serving(WEB);
        CorpusStore store = store(WEB, downloader);
        store.fetch("web");
        Files.writeString(cache.resolve("web/train.txt"), "bit rot");

        assertThrows(CorpusException.class, () -> store.verify("web"));
        store.fetch("web");

        assertArrayEquals(WEB.get(0).bytes(), Files.readAllBytes(cache.resolve("web/train.txt")));
        assertEquals(3, downloader.requests.size());
    }

    @Test
    void filesWithoutAUrlFailBeforeAnythingIsDownloadedAndExplainTheMirror() throws Exception {
        List<Fixtures.FakeFile> files = List.of(
                new Fixtures.FakeFile("train.txt", "derived text\n", null),
                new Fixtures.FakeFile("README", "readme\n", "https://example.org/README"));
        FakeDownloader downloader = new FakeDownloader().serving(files);
        CorpusStore store = store(files, downloader);

        CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("web"));

        assertEquals("""
                cannot download corpus 'web': this file is derived from the official data and has no direct download URL:
                  train.txt: the first half of web.zip
                Use a folder that holds a prepared copy, laid out as DIR/web/<file>, with --mirror DIR, \
                RILL_CORPUS_MIRROR=DIR or -Drill.corpus.mirror=DIR. Or get the official data from \
                https://example.org/web.zip (see https://example.org/web), build the files as described above \
                and put them into %s; files there with the right sha256 are kept.""".formatted(cache.resolve("web")),
                e.getMessage());
        assertEquals(List.of(), downloader.requests);

        // A file prepared by hand with the right checksum is accepted.
        Files.createDirectories(cache.resolve("web"));
        Files.write(cache.resolve("web/train.txt"), files.get(0).bytes());
        assertEquals(cache.resolve("web"), store.fetch("web"));
        assertEquals(List.of(URI.create("https://example.org/README")), downloader.requests);
    }

    @Test
    void theShippedCorporaNeedAMirrorForTheirDerivedFiles() {
        CorpusStore store = new CorpusStore(cache, Optional.empty(), new FakeDownloader());
        CorpusException e = assertThrows(CorpusException.class, () -> store.split("imdb", "train"));
        assertTrue(e.getMessage().startsWith("cannot download corpus 'imdb': this file is derived from the official data"), e.getMessage());
        assertTrue(e.getMessage().contains("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"), e.getMessage());
    }

    @Test
    void unknownFilesAndSplitsAreErrorsWithSuggestions() throws Exception {
        CorpusStore store = store(WEB, new FakeDownloader().serving(WEB));
        assertEquals("corpus 'web' has no file 'train.tx' (did you mean 'train.txt'?); its files: train.txt, extra/notes.md",
                assertThrows(CorpusException.class, () -> store.file("web", "train.tx")).getMessage());
        assertEquals("corpus 'web' has no split 'tran' (did you mean 'train'?); its splits: train",
                assertThrows(CorpusException.class, () -> store.split("web", "tran")).getMessage());
        assertEquals(cache.resolve("web/train.txt"), store.split("web", "train"));
    }
}
