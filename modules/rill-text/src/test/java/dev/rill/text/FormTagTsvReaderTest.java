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

class FormTagTsvReaderTest {

    @TempDir
    Path dir;

    private static final String THREE_COLUMNS = "From\tADP\tIN\nthe\tDET\tDT\nAP\tPROPN\tNNP\n\nHi\tINTJ\tUH\n";

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("dev.pos.tsv"), content);
    }

    @Test
    void reads_sentences_separated_by_blank_lines_with_the_first_tag_column() throws IOException {
        assertEquals(List.of(
                new TaggedSentence(List.of("From", "the", "AP"), List.of("ADP", "DET", "PROPN"), 1),
                new TaggedSentence(List.of("Hi"), List.of("INTJ"), 5)), FormTagTsvReader.read(file(THREE_COLUMNS), 1, 0));
    }

    @Test
    void the_second_tag_column_gives_the_xpos_tags() throws IOException {
        List<TaggedSentence> sentences = FormTagTsvReader.read(file(THREE_COLUMNS), 2, 0);
        assertEquals(List.of("IN", "DT", "NNP"), sentences.get(0).tags());
        assertEquals(List.of("UH"), sentences.get(1).tags());
    }

    @Test
    void bio_entity_files_read_as_they_are_and_docstart_lines_are_skipped() throws IOException {
        Path f = file("-DOCSTART-\tO\n\nEU\tB-ORG\nrejects\tO\nGerman\tB-MISC\n\n-DOCSTART-\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n");
        List<TaggedSentence> s = FormTagTsvReader.read(f, 1, 0);
        assertEquals(2, s.size());
        assertEquals(List.of("EU", "rejects", "German"), s.get(0).forms());
        assertEquals(List.of("B-ORG", "O", "B-MISC"), s.get(0).tags());
        assertEquals(List.of("B-PER", "I-PER"), s.get(1).tags());
        assertEquals(9, s.get(1).line());
    }

    @Test
    void limit_keeps_the_first_sentences() throws IOException {
        assertEquals(1, FormTagTsvReader.read(file(THREE_COLUMNS), 1, 1).size());
    }

    @Test
    void too_few_columns_names_file_line_and_counts() throws IOException {
        Path f = file("From\tADP\tIN\nthe\tDET\n");
        DataException e = assertThrows(DataException.class, () -> FormTagTsvReader.read(f, 2, 0));
        assertEquals(f + ":2: field 'tag': found 2 TAB-separated columns, expected at least 3 (FORM and tag column 2);"
                + " separate FORM and tags by TABs", e.getMessage());
    }

    @Test
    void an_empty_form_is_an_error() throws IOException {
        Path f = file("From\tADP\n\tDET\n");
        DataException e = assertThrows(DataException.class, () -> FormTagTsvReader.read(f, 1, 0));
        assertEquals(f + ":2: field 'FORM': empty; remove the line or add the word", e.getMessage());
    }

    @Test
    void a_missing_or_empty_file_is_a_data_error() throws IOException {
        assertThrows(DataException.class, () -> FormTagTsvReader.read(dir.resolve("nope.tsv"), 1, 0));
        Path empty = file("\n\n");
        DataException e = assertThrows(DataException.class, () -> FormTagTsvReader.read(empty, 1, 0));
        assertTrue(e.getMessage().contains("no sentences"), e.getMessage());
    }

    @Test
    void the_ewt_dev_pos_file_has_the_conllu_upos_tags_sentence_by_sentence() {
        Path ewt = CorpusMirror.find().resolve("ud_english_ewt");
        List<TaggedSentence> conllu = ConlluReader.read(ewt.resolve("en_ewt-ud-dev.conllu"), TagColumn.UPOS, 0);
        List<TaggedSentence> tsv = FormTagTsvReader.read(ewt.resolve("en_ewt-dev.pos.tsv"), 1, 0);
        assertEquals(conllu.size(), tsv.size());
        for (int i = 0; i < conllu.size(); i++) {
            assertEquals(conllu.get(i).forms(), tsv.get(i).forms(), "sentence " + i);
            assertEquals(conllu.get(i).tags(), tsv.get(i).tags(), "sentence " + i);
        }
    }

    @Test
    void the_ewt_dev_pos_file_has_the_conllu_xpos_tags_in_its_second_column() {
        Path ewt = CorpusMirror.find().resolve("ud_english_ewt");
        List<TaggedSentence> conllu = ConlluReader.read(ewt.resolve("en_ewt-ud-dev.conllu"), TagColumn.XPOS, 0);
        List<TaggedSentence> tsv = FormTagTsvReader.read(ewt.resolve("en_ewt-dev.pos.tsv"), 2, 0);
        assertEquals(conllu.stream().map(TaggedSentence::tags).toList(), tsv.stream().map(TaggedSentence::tags).toList());
    }
}
