package dev.rill.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunningTextTest {

    private static final RunningText CHARS = new RunningText(new TextNormalizer(false), new CharTokenizer(), true);
    private static final RunningText WORDS = new RunningText(new TextNormalizer(false), new WhitespaceTokenizer(), false);

    @Test
    void characters_keep_every_line_break_and_space() {
        assertEquals(List.of("A", "y", ",", "\n", "\n", " ", "n", "o"), CHARS.tokens("Ay,\n\n no"));
        assertEquals("Ay,\n\n no", CHARS.join(CHARS.tokens("Ay,\n\n no")));
    }

    @Test
    void words_are_tokenized_line_by_line_with_a_line_break_token() {
        assertEquals(List.of("ROMEO:", "\n", "But", "soft!", "\n", "\n", "What", "light"), WORDS.tokens("ROMEO:\nBut  soft!\n\nWhat light"));
        assertEquals(List.of("a", "\n"), WORDS.tokens("a\n"));
        assertEquals(List.of(), WORDS.tokens(""));
    }

    @Test
    void words_join_with_spaces_except_at_line_breaks() {
        assertEquals("ROMEO:\nBut soft!\n\nWhat light", WORDS.join(WORDS.tokens("ROMEO:\nBut  soft!\n\nWhat light")));
        assertEquals("a", WORDS.display(null, "a"));
        assertEquals(" b", WORDS.display("a", "b"));
        assertEquals("\n", WORDS.display("b", "\n"));
        assertEquals("c", WORDS.display("\n", "c"));
        assertEquals("b", CHARS.display("a", "b"));
    }

    @Test
    void lowercasing_applies_before_tokenization() {
        RunningText lower = new RunningText(new TextNormalizer(true), new CharTokenizer(), true);
        assertEquals(List.of("a", "b"), lower.tokens("AB"));
    }
}
