package dev.rill.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainTextReaderTest {

    @TempDir
    Path dir;

    @Test
    void keeps_the_text_as_written_with_unix_line_ends() throws Exception {
        Path file = Files.write(dir.resolve("t.txt"), "\uFEFFFirst Citizen:\r\nBefore we proceed\n\n  any further, hear me speak.\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("First Citizen:\nBefore we proceed\n\n  any further, hear me speak.\n", PlainTextReader.read(file, 0));
    }

    @Test
    void line_limit_keeps_the_first_lines_with_their_breaks() throws Exception {
        Path file = Files.writeString(dir.resolve("t.txt"), "a\nb\n\nc");
        assertEquals("a\nb\n", PlainTextReader.read(file, 2));
        assertEquals("a\nb\n\n", PlainTextReader.read(file, 3));
        assertEquals("a\nb\n\nc", PlainTextReader.read(file, 10));
    }

    @Test
    void bytes_that_are_not_utf8_are_reported_with_their_line() throws Exception {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        DataException e = assertThrows(DataException.class, () -> PlainTextReader.read(file, 0));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void a_missing_file_is_a_data_error() {
        DataException e = assertThrows(DataException.class, () -> PlainTextReader.read(dir.resolve("none.txt"), 0));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
