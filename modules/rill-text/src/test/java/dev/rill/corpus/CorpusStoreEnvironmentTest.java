package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CorpusStoreEnvironmentTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void theCacheDefaultsToTheUsersCacheFolder() {
        assertEquals(Path.of("/home/ada/.cache/rill/corpora"), CorpusStore.defaultCacheDir(Map.of(), HOME));
        assertEquals(Path.of("/xdg/rill/corpora"), CorpusStore.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/xdg"), HOME));
    }

    @Test
    void rillCacheMovesTheWholeCacheAndCorporaGoToItsCorporaFolder() {
        assertEquals(Path.of("/data/rill/corpora"),
                CorpusStore.defaultCacheDir(Map.of("RILL_CACHE", "/data/rill", "XDG_CACHE_HOME", "/xdg"), HOME));
    }

    @Test
    void theMirrorPropertyWinsOverTheEnvironmentAndBlankMeansNone() {
        Properties properties = new Properties();
        assertEquals(Optional.empty(), CorpusStore.mirrorFrom(Map.of(), properties));
        assertEquals(Optional.of(Path.of("/env")), CorpusStore.mirrorFrom(Map.of("RILL_CORPUS_MIRROR", "/env"), properties));
        properties.setProperty("rill.corpus.mirror", "/prop");
        assertEquals(Optional.of(Path.of("/prop")), CorpusStore.mirrorFrom(Map.of("RILL_CORPUS_MIRROR", "/env"), properties));
        properties.setProperty("rill.corpus.mirror", " ");
        assertEquals(Optional.of(Path.of("/env")), CorpusStore.mirrorFrom(Map.of("RILL_CORPUS_MIRROR", "/env"), properties));
        assertEquals(Optional.empty(), CorpusStore.mirrorFrom(Map.of("RILL_CORPUS_MIRROR", ""), properties));
    }
}
