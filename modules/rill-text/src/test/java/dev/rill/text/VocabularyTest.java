package dev.rill.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VocabularyTest {

    private static final Map<String, Long> COUNTS = Map.of("the", 10L, "a", 10L, "film", 3L, "rare", 1L);

    @Test
    void orders_by_frequency_then_text_after_the_special_tokens() {
        Vocabulary v = Vocabulary.build(COUNTS, 100, 1);
        assertEquals(List.of("<pad>", "<unk>", "a", "the", "film", "rare"), v.tokens());
    }

    @Test
    void min_frequency_sends_rare_tokens_to_unk() {
        Vocabulary v = Vocabulary.build(COUNTS, 100, 2);
        assertFalse(v.contains("rare"));
        assertEquals(Vocabulary.UNK_ID, v.id("rare"));
    }

    @Test
    void size_cap_counts_the_special_tokens() {
        Vocabulary v = Vocabulary.build(COUNTS, 3, 1);
        assertEquals(List.of("<pad>", "<unk>", "a"), v.tokens());
    }

    @Test
    void encodes_unknown_tokens_as_unk() {
        Vocabulary v = Vocabulary.build(COUNTS, 100, 1);
        assertEquals(List.of(3, 1, 4), java.util.Arrays.stream(v.encode(List.of("the", "zebra", "film"))).boxed().toList());
    }

    @Test
    void write_and_read_round_trip_including_newline_and_backslash_tokens() throws IOException {
        Vocabulary v = Vocabulary.of(List.of("\n", "\\", "\\n", "x"));
        StringWriter w = new StringWriter();
        v.write(w);
        assertEquals(v, Vocabulary.read(new StringReader(w.toString())));
    }

    @Test
    void rejects_a_file_without_the_special_tokens() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.read(new StringReader("a\nb\n")));
    }
}
