package dev.rill.text;

import dev.rill.config.TagColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConlluReaderTest {

    @TempDir
    Path dir;

    /** A token row: the given ID, FORM, UPOS and XPOS, the other six columns filled in. */
    private static String row(String id, String form, String upos, String xpos) {
        return String.join("\t", id, form, form.toLowerCase(), upos, xpos, "_", "0", "root", "_", "_") + "\n";
    }

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("dev.conllu"), content);
    }

    private DataException error(String content) throws IOException {
        Path f = file(content);
        return assertThrows(DataException.class, () -> ConlluReader.read(f, TagColumn.UPOS, 0));
    }

    private static final String TWO_SENTENCES = "# sent_id = a\n# text = I don't\n"
            + row("1", "I", "PRON", "PRP")
            + row("2-3", "don't", "_", "_")
            + row("2", "do", "AUX", "VBP")
            + row("3", "n't", "PART", "RB")
            + "\n"
            + "# sent_id = b\n"
            + row("1", "Go", "VERB", "VB")
            + row("1.1", "go", "VERB", "VB")
            + row("2", ".", "PUNCT", ".")
            + "\n";

    @Test
    void reads_words_upos_tags_and_the_line_of_the_first_word() throws IOException {
        List<TaggedSentence> sentences = ConlluReader.read(file(TWO_SENTENCES), TagColumn.UPOS, 0);
        assertEquals(List.of(
                new TaggedSentence(List.of("I", "do", "n't"), List.of("PRON", "AUX", "PART"), 3),
                new TaggedSentence(List.of("Go", "."), List.of("VERB", "PUNCT"), 9)), sentences);
    }

    @Test
    void ranges_are_skipped_but_the_words_inside_are_kept() throws IOException {
        TaggedSentence first = ConlluReader.read(file(TWO_SENTENCES), TagColumn.UPOS, 0).get(0);
        assertEquals(List.of("I", "do", "n't"), first.forms());
    }

    @Test
    void empty_nodes_are_skipped() throws IOException {
        TaggedSentence second = ConlluReader.read(file(TWO_SENTENCES), TagColumn.UPOS, 0).get(1);
        assertEquals(List.of("Go", "."), second.forms());
    }

    @Test
    void the_xpos_column_gives_penn_tags() throws IOException {
        List<TaggedSentence> sentences = ConlluReader.read(file(TWO_SENTENCES), TagColumn.XPOS, 0);
        assertEquals(List.of("PRP", "VBP", "RB"), sentences.get(0).tags());
        assertEquals(List.of("VB", "."), sentences.get(1).tags());
    }

    @Test
    void an_underscore_tag_is_kept_as_a_tag() throws IOException {
        TaggedSentence s = ConlluReader.read(file(row("1", "Hi", "INTJ", "_")), TagColumn.XPOS, 0).get(0);
        assertEquals(List.of("_"), s.tags());
    }

    @Test
    void the_last_sentence_needs_no_trailing_blank_line() throws IOException {
        Path f = file(row("1", "a", "DET", "DT") + "\n\n" + row("1", "b", "X", "FW"));
        List<TaggedSentence> sentences = ConlluReader.read(f, TagColumn.UPOS, 0);
        assertEquals(2, sentences.size());
        assertEquals(new TaggedSentence(List.of("b"), List.of("X"), 4), sentences.get(1));
    }

    @Test
    void limit_keeps_the_first_sentences_and_reads_no_further() throws IOException {
        // The bad row after the first sentence proves the reader stops once it has enough.
        Path f = file(row("1", "a", "DET", "DT") + "\nnot a token row\n");
        List<TaggedSentence> sentences = ConlluReader.read(f, TagColumn.UPOS, 1);
        assertEquals(1, sentences.size());
        assertEquals(List.of("a"), sentences.get(0).forms());
    }

    @Test
    void a_wrong_column_count_names_file_line_and_both_counts() throws IOException {
        Path f = file(row("1", "a", "DET", "DT") + "2 b DET DT _ 0 root _ _\n");
        DataException e = assertThrows(DataException.class, () -> ConlluReader.read(f, TagColumn.UPOS, 0));
        assertEquals(f + ":2: found 1 TAB-separated columns, expected 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC);"
                + " separate columns by one TAB and write _ for an empty one", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void an_unknown_id_form_is_an_error() throws IOException {
        for (String id : List.of("x", "3-", "-1", "1.", "")) {
            DataException e = error(row(id, "a", "DET", "DT"));
            assertTrue(e.getMessage().contains(":1: field 'ID': '" + id + "' is not a word ID"), e.getMessage());
        }
    }

    @Test
    void an_id_out_of_sequence_is_an_error() throws IOException {
        DataException e = error("# c\n" + row("1", "a", "DET", "DT") + row("3", "b", "NOUN", "NN"));
        assertTrue(e.getMessage().endsWith(":3: field 'ID': expected 2, found 3; word IDs count 1, 2, ... within a sentence,"
                + " with a blank line between sentences"), e.getMessage());
    }

    @Test
    void ids_restart_at_one_only_after_a_blank_line() throws IOException {
        DataException e = error(row("1", "a", "DET", "DT") + row("1", "b", "NOUN", "NN"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected 2, found 1"), e.getMessage());
    }

    @Test
    void bytes_that_are_not_utf8_name_the_line_and_suggest_reencoding() throws IOException {
        Path f = dir.resolve("latin1.conllu");
        byte[] good = row("1", "a", "DET", "DT").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = {'2', '\t', (byte) 0xC3, 0x28, '\t', '_', '\t', 'X', '\t', '_', '\t', '_', '\t', '0', '\t', '_', '\t', '_', '\t', '_', '\n'};
        byte[] bytes = new byte[good.length + bad.length];
        System.arraycopy(good, 0, bytes, 0, good.length);
        System.arraycopy(bad, 0, bytes, good.length, bad.length);
        Files.write(f, bytes);
        DataException e = assertThrows(DataException.class, () -> ConlluReader.read(f, TagColumn.UPOS, 0));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: bytes that are not valid UTF-8; re-encode the file as UTF-8"), e.getMessage());
    }

    @Test
    void a_missing_file_is_a_data_error() {
        DataException e = assertThrows(DataException.class, () -> ConlluReader.read(dir.resolve("nope.conllu"), TagColumn.UPOS, 0));
        assertTrue(e.getMessage().contains("nope.conllu: file not found"), e.getMessage());
    }

    @Test
    void a_file_without_sentences_is_a_data_error() throws IOException {
        assertTrue(error("").getMessage().contains("no sentences"));
        assertTrue(error("# only a comment\n\n\n").getMessage().contains("no sentences"));
    }

    @Test
    void a_sentence_of_only_a_range_is_an_error() throws IOException {
        DataException e = error(row("1-2", "don't", "_", "_") + "\n");
        assertTrue(e.getMessage().contains(":1: sentence has no words"), e.getMessage());
    }

    @Test
    void ud_english_ewt_dev_has_the_manifest_counts() {
        Path dev = CorpusMirror.find().resolve("ud_english_ewt/en_ewt-ud-dev.conllu");
        List<TaggedSentence> sentences = ConlluReader.read(dev, TagColumn.UPOS, 0);
        assertEquals(2_001, sentences.size());
        assertEquals(25_147, sentences.stream().mapToInt(TaggedSentence::size).sum());
        assertEquals(17, sentences.stream().flatMap(s -> s.tags().stream()).distinct().count());
    }
}
