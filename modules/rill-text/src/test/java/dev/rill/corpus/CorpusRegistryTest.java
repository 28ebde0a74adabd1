package dev.rill.corpus;

import dev.rill.config.DidYouMean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.config.CorpusCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusRegistryTest {

    private final CorpusRegistry builtIn = CorpusRegistry.builtIn();

    @Test
    void anUnknownCorpusNameSuggestsTheClosestKnownOne() {
        CorpusException e = assertThrows(CorpusException.class, () -> builtIn.require("sst"));
        assertEquals("unknown corpus 'sst' (did you mean 'sst2'?); known: imdb, sst2, tinyshakespeare, ud_english_ewt",
                e.getMessage());
    }

    @Test
    void typosAndPartialNamesAreRecognised() {
        assertEquals(Optional.of("imdb"), DidYouMean.closest("imbd", builtIn.names()));
        assertEquals(Optional.of("tinyshakespeare"), DidYouMean.closest("shakespeare", builtIn.names()));
        assertEquals(Optional.of("ud_english_ewt"), DidYouMean.closest("ud_english", builtIn.names()));
        assertEquals(Optional.empty(), DidYouMean.closest("wikitext", builtIn.names()));
    }

    @Test
    void aNameWithNothingCloseListsTheKnownCorpora() {
        CorpusException e = assertThrows(CorpusException.class, () -> builtIn.require("wikitext"));
        assertEquals("unknown corpus 'wikitext'; known: imdb, sst2, tinyshakespeare, ud_english_ewt", e.getMessage());
    }

    @Test
    void theRegistryAnswersTheConfigCatalogQuestions() {
        CorpusCatalog catalog = builtIn;
        assertTrue(catalog.knows("imdb"));
        assertFalse(catalog.knows("IMDB"));
        assertEquals(Set.of("imdb", "sst2", "tinyshakespeare", "ud_english_ewt"), catalog.names());
        assertEquals(Optional.of(Set.of("train.tsv", "test.tsv")), catalog.files("imdb"));
        assertEquals(Optional.empty(), catalog.files("nope"));
    }

    @Test
    void manifestsCanBeReadFromAFolder(@TempDir Path dir) throws Exception {
        List<Fixtures.FakeFile> files = List.of(new Fixtures.FakeFile("a.txt", "abc", "https://example.org/a.txt"));
        Files.writeString(dir.resolve("tiny.yaml"), Fixtures.manifestYaml("tiny", files));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        CorpusRegistry registry = CorpusRegistry.fromDirectory(dir);
        assertEquals(Set.of("tiny"), registry.names());
        assertEquals(dir.resolve("tiny.yaml").toString(), registry.require("tiny").source());
    }

    @Test
    void aManifestMustBeNamedAfterItsCorpus(@TempDir Path dir) throws Exception {
        List<Fixtures.FakeFile> files = List.of(new Fixtures.FakeFile("a.txt", "abc", "https://example.org/a.txt"));
        Files.writeString(dir.resolve("small.yaml"), Fixtures.manifestYaml("tiny", files));
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusRegistry.fromDirectory(dir));
        assertEquals(dir.resolve("small.yaml") + ": defines corpus 'tiny' but is named small.yaml; rename it to tiny.yaml",
                e.getMessage());
    }

    @Test
    void aBrokenManifestInAFolderIsReportedWithItsPosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tiny.yaml"), "name: tiny\ntitle: [\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusRegistry.fromDirectory(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tiny.yaml") + ":3:1: not valid YAML"), e.getMessage());
    }

    @Test
    void shippedManifestsAreFoundInsideAJar(@TempDir Path dir) throws Exception {
        // What a packaged (or shaded) jar looks like: only file entries, no directory entries.
        Path jar = dir.resolve("rill-text.jar");
        List<Fixtures.FakeFile> files = List.of(new Fixtures.FakeFile("a.txt", "abc", "https://example.org/a.txt"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("rill/corpora/tiny.yaml"));
            zip.write(Fixtures.manifestYaml("tiny", files).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("dev/rill/corpus/CorpusRegistry.class"));
            zip.closeEntry();
        }
        CorpusRegistry registry = CorpusRegistry.readShipped(jar);
        assertEquals(Set.of("tiny"), registry.names());
        assertEquals("rill/corpora/tiny.yaml", registry.require("tiny").source());
    }

    @Test
    void aJarWithoutManifestsIsReported(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("dev/rill/corpus/CorpusRegistry.class"));
            zip.closeEntry();
        }
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusRegistry.readShipped(jar));
        assertTrue(e.getMessage().startsWith("no folder rill/corpora at jar:"), e.getMessage());
    }

    @Test
    void aMissingManifestFolderIsAClearError(@TempDir Path dir) {
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusRegistry.fromDirectory(dir.resolve("nope")));
        assertEquals("corpus manifest folder " + dir.resolve("nope") + " does not exist or is not a folder", e.getMessage());
    }
}
