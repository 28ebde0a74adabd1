package dev.rill.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelTextTsvReaderTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("train.tsv"), content);
    }

    @Test
    void reads_labels_texts_and_line_numbers() throws IOException {
        List<LabeledText> rows = LabelTextTsvReader.read(file("1\tgood film\n\n0\tbad film\n"), 0);
        assertEquals(List.of(new LabeledText("1", "good film", 1), new LabeledText("0", "bad film", 3)), rows);
    }

    @Test
    void limit_keeps_the_first_examples() throws IOException {
        assertEquals(1, LabelTextTsvReader.read(file("1\ta\n0\tb\n"), 1).size());
    }

    @Test
    void a_line_without_tab_names_file_line_and_field() throws IOException {
        Path f = file("1\tgood\n0 bad\n");
        DataException e = assertThrows(DataException.class, () -> LabelTextTsvReader.read(f, 0));
        assertEquals(f + ":2: field 'label': no TAB found; expected label<TAB>text", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void a_second_tab_is_reported_with_a_fix() throws IOException {
        Path f = file("1\tgood\tfilm\n");
        DataException e = assertThrows(DataException.class, () -> LabelTextTsvReader.read(f, 0));
        assertTrue(e.getMessage().startsWith(f + ":1: field 'text'"), e.getMessage());
        assertTrue(e.getMessage().contains("replace TABs"), e.getMessage());
    }

    @Test
    void a_missing_file_is_a_data_error() {
        DataException e = assertThrows(DataException.class, () -> LabelTextTsvReader.read(dir.resolve("nope.tsv"), 0));
        assertTrue(e.getMessage().contains("nope.tsv: file not found"), e.getMessage());
    }

    @Test
    void labels_sort_numerically_when_all_are_integers() {
        List<LabeledText> rows = List.of(new LabeledText("10", "a", 1), new LabeledText("2", "b", 2), new LabeledText("2", "c", 3));
        assertEquals(List.of("2", "10"), LabelSet.of(rows, dir).labels());
    }

    @Test
    void a_single_label_is_rejected() {
        List<LabeledText> rows = List.of(new LabeledText("pos", "a", 1), new LabeledText("pos", "b", 2));
        assertThrows(DataException.class, () -> LabelSet.of(rows, dir));
    }
}
