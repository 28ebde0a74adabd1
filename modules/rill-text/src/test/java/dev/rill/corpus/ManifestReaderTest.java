package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.config.DataFormat;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private static final String SHA = "a".repeat(64);

    /** A valid manifest; tests break one line of it. Line numbers matter: see the assertions. */
    private static final String VALID = """
            name: demo
            title: Demo corpus
            description: For tests.
            licence:
              name: CC0
              redistribution: allowed
            citation: nobody
            homepage: https://example.org/demo
            downloads: [https://example.org/demo.zip]
            format: label_text_tsv
            splits:
              train: train.tsv
              dev: dev.tsv
            files:
              - path: train.tsv
                format: label_text_tsv
                sha256: %s
                bytes: 10
                url: https://example.org/train.tsv
              - path: dev.tsv
                format: label_text_tsv
                sha256: %s
                bytes: 5
                derived_from: the dev half of demo.zip
              - path: docs/README
                sha256: %s
                bytes: 0
                url: https://example.org/README
            """.formatted(SHA, SHA, SHA);

    private static CorpusManifest read(String yaml) throws CorpusException {
        return ManifestReader.read(new StringReader(yaml), "demo.yaml");
    }

    private static String errorFor(String yaml) {
        return assertThrows(CorpusException.class, () -> read(yaml)).getMessage();
    }

    @Test
    void aValidManifestIsReadWithEveryField() throws Exception {
        CorpusManifest m = read(VALID);
        assertEquals("demo", m.name());
        assertEquals("CC0", m.licence().name());
        assertEquals(Optional.empty(), m.licence().url());
        assertEquals(List.of(URI.create("https://example.org/demo.zip")), m.downloads());
        assertEquals(DataFormat.LABEL_TEXT_TSV, m.format());
        assertEquals(Map.of("train", "train.tsv", "dev", "dev.tsv"), m.splits());
        assertEquals(List.of("train.tsv", "dev.tsv", "docs/README"), List.copyOf(m.filePaths()));
        ManifestFile dev = m.file("dev.tsv").orElseThrow();
        assertEquals(5, dev.bytes());
        assertEquals(Optional.of("the dev half of demo.zip"), dev.derivedFrom());
        assertTrue(dev.url().isEmpty());
        assertEquals(Optional.empty(), m.file("docs/README").orElseThrow().format());
        assertEquals("demo.yaml", m.source());
    }

    @Test
    void aYamlSyntaxErrorNamesFileLineAndColumn() {
        String message = errorFor(VALID.replace("citation: nobody", "citation: [nobody"));
        assertTrue(message.startsWith("demo.yaml:8:"), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void aBadChecksumIsReportedAtItsValue() {
        String message = errorFor(VALID.replaceFirst(SHA, "abc"));
        assertEquals("demo.yaml:17:13: sha256 must be 64 hex digits (as printed by sha256sum), got 'abc'", message);
    }

    @Test
    void anUnknownKeyIsAnErrorWithASuggestion() {
        String message = errorFor(VALID.replace("    bytes: 10", "    byte: 10"));
        assertTrue(message.startsWith("demo.yaml:18:5: unknown key 'byte' in a file entry (did you mean 'bytes'?); allowed: "),
                message);
    }

    @Test
    void aMissingKeyIsReportedAtTheMappingThatLacksIt() {
        String message = errorFor(VALID.replace("    bytes: 5\n", ""));
        assertEquals("demo.yaml:20:5: missing required key 'bytes'", message);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String message = errorFor(VALID.replace("title: Demo corpus\n", "title: Demo corpus\ntitle: again\n"));
        assertEquals("demo.yaml:3:1: duplicate key 'title'", message);
    }

    @Test
    void aFileListedTwiceIsAnError() {
        String message = errorFor(VALID.replace("path: docs/README", "path: train.tsv"));
        assertEquals("demo.yaml:25:11: file 'train.tsv' is listed twice", message);
    }

    @Test
    void aSplitMustNameAListedFileOfTheCorpusFormat() {
        assertEquals("demo.yaml:13:8: split 'dev' names 'dev.tsvv', which is not in files (did you mean 'dev.tsv'?)",
                errorFor(VALID.replace("dev: dev.tsv", "dev: dev.tsvv")));
        assertEquals("demo.yaml:13:8: split 'dev' file 'docs/README' must have format: label_text_tsv "
                        + "(the corpus format), but has no format",
                errorFor(VALID.replace("dev: dev.tsv", "dev: docs/README")));
    }

    @Test
    void theSplitsMustIncludeTrain() {
        assertEquals("demo.yaml:12:3: splits must name a train file",
                errorFor(VALID.replace("  train: train.tsv\n", "")));
    }

    @Test
    void anUnknownFormatIsAnErrorWithASuggestion() {
        assertEquals("demo.yaml:10:9: unknown format 'conll' (did you mean 'conllu'?); "
                        + "known: label_text_tsv, conllu, form_tag_tsv, plain_text",
                errorFor(VALID.replace("format: label_text_tsv\nsplits", "format: conll\nsplits")));
    }

    @Test
    void aFileNeedsAUrlOrADerivedFromNote() {
        String message = errorFor(VALID.replace("    derived_from: the dev half of demo.zip\n", ""));
        assertTrue(message.startsWith("demo.yaml:20:5: file 'dev.tsv' needs a url"), message);
    }

    @Test
    void pathsThatCouldEscapeTheCorpusFolderAreRejected() {
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "a/./b", ".verified", "a//b")) {
            String message = errorFor(VALID.replace("path: docs/README", "path: '" + bad + "'"));
            assertTrue(message.startsWith("demo.yaml:25:11: path '" + bad + "'"), message);
        }
    }

    @Test
    void aNonHttpUrlIsRejected() {
        assertEquals("demo.yaml:19:10: expected an http(s) URL, got 'ftp://example.org/train.tsv'",
                errorFor(VALID.replace("url: https://example.org/train.tsv", "url: ftp://example.org/train.tsv")));
    }

    @Test
    void aNegativeOrNonNumericSizeIsRejected() {
        assertEquals("demo.yaml:18:12: bytes must be a whole number >= 0 (the file size), got '-1'",
                errorFor(VALID.replace("bytes: 10", "bytes: -1")));
        assertEquals("demo.yaml:18:12: bytes must be a whole number >= 0 (the file size), got 'ten'",
                errorFor(VALID.replace("bytes: 10", "bytes: ten")));
    }

    @Test
    void anEmptyManifestIsAnError() {
        assertEquals("demo.yaml:1:1: the manifest is empty", errorFor(""));
    }

    @Test
    void aManifestReadFromDiskIsNamedByItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, VALID.replace("name: demo", "name: Demo"));
        CorpusException e = assertThrows(CorpusException.class, () -> ManifestReader.read(file));
        assertEquals(file + ":1:7: name 'Demo' must be lowercase letters, digits and '_', starting with a letter",
                e.getMessage());
    }
}
