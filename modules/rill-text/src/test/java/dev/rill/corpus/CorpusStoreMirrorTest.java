package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store with a mirror folder: the real shared mirror, and fake ones with damaged files. */
class CorpusStoreMirrorTest {

    private static final Downloader NO_NETWORK = (uri, target) -> {
        throw new AssertionError("a mirror replaces the network, but " + uri + " was downloaded");
    };

    private static final List<Fixtures.FakeFile> TINY = List.of(
            new Fixtures.FakeFile("train.txt", "to be or not to be\n", null),
            new Fixtures.FakeFile("docs/LICENSE", "public domain\n", "https://example.org/LICENSE"));

    @TempDir
    Path cache;

    @TempDir
    Path fakeMirror;

    private CorpusStore store(CorpusRegistry registry, Path mirror, CorpusStore.MirrorMode mode) {
        return new CorpusStore(registry, cache, Optional.of(mirror), NO_NETWORK, mode);
    }

    @Test
    void theRealMirrorIsVerifiedAndUsedInPlace() throws Exception {
        Path mirror = Fixtures.realMirror();
        CorpusStore store = new CorpusStore(cache, Optional.of(mirror), NO_NETWORK);
        assertEquals(mirror.resolve("tinyshakespeare"), store.fetch("tinyshakespeare"));
        assertEquals(mirror.resolve("sst2").resolve("dev.tsv"), store.split("sst2", "dev"));
        // Only the stamp is written to the cache: nothing is copied.
        assertEquals(List.of("sst2/.verified", "tinyshakespeare/.verified"), Fixtures.filesUnder(cache));
        assertEquals(mirror.resolve("ud_english_ewt"), store.verify("ud_english_ewt"));
    }

    @Test
    void theRealMirrorCanBeCopiedIntoTheCache() throws Exception {
        CorpusStore store = store(CorpusRegistry.builtIn(), Fixtures.realMirror(), CorpusStore.MirrorMode.COPY);
        assertEquals(cache.resolve("tinyshakespeare"), store.fetch("tinyshakespeare"));
        assertEquals(List.of("tinyshakespeare/.verified", "tinyshakespeare/input.txt", "tinyshakespeare/train.txt",
                "tinyshakespeare/val.txt"), Fixtures.filesUnder(cache));
        assertEquals(cache.resolve("tinyshakespeare"), store.verify("tinyshakespeare"));
    }

    @Test
    void aCorruptedMirrorFileIsNamedWithBothChecksumsAndNothingIsCopied() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        Path damaged = fakeMirror.resolve("tiny/train.txt");
        Files.writeString(damaged, "to be or NOT to be\n");
        CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, CorpusStore.MirrorMode.COPY);

        CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("tiny"));

        String expected = Fixtures.sha256(TINY.get(0).bytes());
        String actual = Fixtures.sha256(Files.readAllBytes(damaged));
        assertTrue(e.getMessage().startsWith("checksum mismatch for tiny/train.txt from mirror file " + damaged
                + ": expected sha256 " + expected + " (19 bytes), got sha256 " + actual + " (19 bytes)"), e.getMessage());
        assertEquals(List.of(), Fixtures.filesUnder(cache).stream().filter(p -> !p.endsWith(".verified")).toList(),
                "no data file, and no temporary file, is left in the cache");
    }

    @Test
    void aCorruptedMirrorFileUsedInPlaceIsAnErrorToo() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        Path damaged = fakeMirror.resolve("tiny/docs/LICENSE");
        Files.writeString(damaged, "all rights reserved\n");
        CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, CorpusStore.MirrorMode.IN_PLACE);

        CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("tiny"));

        assertTrue(e.getMessage().startsWith("checksum mismatch for tiny/docs/LICENSE from mirror file " + damaged
                + ": expected sha256 " + Fixtures.sha256(TINY.get(1).bytes())), e.getMessage());
        assertTrue(e.getMessage().contains("got sha256 " + Fixtures.sha256(Files.readAllBytes(damaged))), e.getMessage());
    }

    @Test
    void aFileMissingFromTheMirrorIsAClearError() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        Files.delete(fakeMirror.resolve("tiny/docs/LICENSE"));
        for (CorpusStore.MirrorMode mode : CorpusStore.MirrorMode.values()) {
            CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, mode);
            CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("tiny"), mode.name());
            assertTrue(e.getMessage().startsWith("corpus mirror " + fakeMirror.resolve("tiny")
                    + " lacks 1 file(s) of corpus 'tiny': docs/LICENSE; copy them there"), e.getMessage());
        }
        assertEquals(List.of(), Fixtures.filesUnder(cache));
    }

    @Test
    void aMirrorWithoutTheCorpusFolderOrAMissingMirrorIsAClearError() throws Exception {
        CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, CorpusStore.MirrorMode.IN_PLACE);
        CorpusException e = assertThrows(CorpusException.class, () -> store.fetch("tiny"));
        assertEquals("corpus mirror " + fakeMirror + " has no folder 'tiny'; the files of corpus 'tiny' should be at "
                + fakeMirror.resolve("tiny") + "/<file>", e.getMessage());

        Path nowhere = fakeMirror.resolve("nowhere");
        CorpusStore lost = store(Fixtures.registryOf("tiny", TINY), nowhere, CorpusStore.MirrorMode.IN_PLACE);
        e = assertThrows(CorpusException.class, () -> lost.fetch("tiny"));
        assertTrue(e.getMessage().startsWith("corpus mirror folder " + nowhere + " does not exist; check --mirror DIR"),
                e.getMessage());
    }

    @Test
    void laterFetchesTrustTheStampButVerifyRehashes() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, CorpusStore.MirrorMode.IN_PLACE);
        store.fetch("tiny");
        assertTrue(Files.isRegularFile(cache.resolve("tiny/.verified")));

        // Same size and modification time: the stamp vouches for the file, so fetch does not re-hash it ...
        Path file = fakeMirror.resolve("tiny/train.txt");
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "TO be or not to be\n");
        Files.setLastModifiedTime(file, mtime);
        assertEquals(fakeMirror.resolve("tiny"), store.fetch("tiny"));

        // ... but verify always does, and names every problem.
        CorpusException e = assertThrows(CorpusException.class, () -> store.verify("tiny"));
        assertTrue(e.getMessage().startsWith("corpus 'tiny' in " + fakeMirror.resolve("tiny")
                + " failed verification (1 of 2 files):\n  checksum mismatch for tiny/train.txt"), e.getMessage());

        // A changed modification time alone is enough for fetch to look again.
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 1000));
        assertThrows(CorpusException.class, () -> store.fetch("tiny"));
    }

    @Test
    void aReadOnlyOrMissingCacheDoesNotStopTheMirrorBeingUsedInPlace() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        Path fileNotFolder = cache.resolve("plain-file");
        Files.writeString(fileNotFolder, "the cache cannot be created under a file");
        CorpusStore store = new CorpusStore(Fixtures.registryOf("tiny", TINY), fileNotFolder, Optional.of(fakeMirror),
                NO_NETWORK, CorpusStore.MirrorMode.IN_PLACE);
        assertEquals(fakeMirror.resolve("tiny/train.txt"), store.file("tiny", "train.txt"));
    }

    @Test
    void copyModeKeepsGoodCachedFilesEvenWhenTheMirrorLacksThem() throws Exception {
        Fixtures.writeMirror(fakeMirror, "tiny", TINY);
        CorpusStore store = store(Fixtures.registryOf("tiny", TINY), fakeMirror, CorpusStore.MirrorMode.COPY);
        store.fetch("tiny");
        Files.delete(fakeMirror.resolve("tiny/train.txt"));
        assertEquals(cache.resolve("tiny"), store.fetch("tiny"));
        assertFalse(Files.exists(fakeMirror.resolve("tiny/train.txt")));
    }
}
