package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.config.DataFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShippedManifestsTest {

    private final CorpusRegistry builtIn = CorpusRegistry.builtIn();

    @Test
    void theJarShipsOneManifestPerCorpus() {
        assertEquals(Set.of("imdb", "sst2", "tinyshakespeare", "ud_english_ewt"), builtIn.names());
        assertEquals("rill/corpora/sst2.yaml", builtIn.find("sst2").orElseThrow().source());
    }

    @Test
    void theShippedManifestsAreExactlyTheOnesInTheCorporaFolder() throws Exception {
        Path corpora = Path.of("").toAbsolutePath().resolve("../../corpora").normalize();
        CorpusRegistry fromSource = CorpusRegistry.fromDirectory(corpora);
        assertEquals(builtIn.names(), fromSource.names());
        for (String name : builtIn.names()) {
            assertEquals(withoutSource(builtIn.require(name)), withoutSource(fromSource.require(name)), name);
        }
    }

    @Test
    void everyShippedFileHasAProvenanceAndTheSplitsHaveTheCorpusFormat() throws Exception {
        for (String name : builtIn.names()) {
            CorpusManifest manifest = builtIn.require(name);
            assertTrue(manifest.splits().containsKey("train"), name);
            assertFalse(manifest.licence().redistribution().isBlank(), name);
            for (String path : manifest.splits().values()) {
                assertEquals(Optional.of(manifest.format()), manifest.file(path).orElseThrow().format(), name + "/" + path);
            }
            for (ManifestFile file : manifest.files()) {
                assertTrue(file.url().isPresent() || file.derivedFrom().isPresent(), name + "/" + file.path());
                file.url().ifPresent(url -> assertEquals("https", url.getScheme(), name + "/" + file.path()));
            }
        }
    }

    @Test
    void theSplitsAreTheOnesTheMirrorReadmeDescribes() throws Exception {
        assertEquals(Map.of("train", "train.tsv", "dev", "dev.tsv", "test", "test.tsv"), builtIn.require("sst2").splits());
        assertEquals(List.of("train", "dev", "test"), List.copyOf(builtIn.require("sst2").splits().keySet()));
        assertEquals(Map.of("train", "train.tsv", "test", "test.tsv"), builtIn.require("imdb").splits());
        assertEquals(Map.of("train", "train.txt", "dev", "val.txt"), builtIn.require("tinyshakespeare").splits());
        assertEquals(DataFormat.FORM_TAG_TSV, builtIn.require("ud_english_ewt").format());
        assertEquals(Optional.of(DataFormat.CONLLU),
                builtIn.require("ud_english_ewt").file("en_ewt-ud-train.conllu").orElseThrow().format());
        assertTrue(builtIn.files("sst2").orElseThrow().contains("train_sentences.tsv"));
    }

    @ParameterizedTest(name = "the {0} manifest lists exactly the mirror''s files with their real sha256 and size")
    @ValueSource(strings = {"sst2", "tinyshakespeare", "ud_english_ewt"})
    void theManifestMatchesTheRealMirrorFiles(String name) throws Exception {
        Path dir = Fixtures.realMirror().resolve(name);
        CorpusManifest manifest = builtIn.require(name);
        assertEquals(Fixtures.filesUnder(dir), manifest.filePaths().stream().sorted().toList());
        for (ManifestFile file : manifest.files()) {
            Path path = dir.resolve(file.path());
            assertEquals(file.bytes(), Files.size(path), file.path());
            assertEquals(file.sha256(), Checksums.sha256(path), file.path());
        }
    }

    @Test
    void theImdbManifestListsTheMirrorFilesWithTheirRealSizes() throws IOException, CorpusException {
        // Sizes only: hashing 65 MB on every test run costs more than it tells (the store test hashes
        // nothing this big either); the sha256 values were checked with sha256sum when written.
        Path dir = Fixtures.realMirror().resolve("imdb");
        CorpusManifest manifest = builtIn.require("imdb");
        assertEquals(Fixtures.filesUnder(dir), manifest.filePaths().stream().sorted().toList());
        for (ManifestFile file : manifest.files()) {
            assertEquals(file.bytes(), Files.size(dir.resolve(file.path())), file.path());
        }
    }

    private static Map<String, Object> withoutSource(CorpusManifest m) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("name", m.name());
        fields.put("title", m.title());
        fields.put("description", m.description());
        fields.put("licence", m.licence());
        fields.put("citation", m.citation());
        fields.put("homepage", m.homepage());
        fields.put("downloads", m.downloads());
        fields.put("format", m.format());
        fields.put("splits", m.splits());
        fields.put("files", m.files());
        return fields;
    }
}
