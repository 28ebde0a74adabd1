package dev.rill.text;

import dev.rill.config.TokenizerKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenizerTest {

    @Test
    void corenlp_splits_punctuation_and_clitics() {
        Tokenizer t = Tokenizers.create(TokenizerKind.CORENLP);
        assertEquals(List.of("I", "do", "n't", "like", "it", ",", "really", "!"), t.tokenize("I don't like it, really!"));
    }

    @Test
    void corenlp_keeps_brackets_unescaped() {
        Tokenizer t = new CoreNlpTokenizer();
        assertEquals(List.of("a", "(", "b", ")"), t.tokenize("a (b)"));
    }

    @Test
    void corenlp_reads_already_tokenized_sst_text_unchanged() {
        // SST-2 is PTB-tokenized and lowercased; the tokenizer must not re-split it differently.
        String sst = "it 's a charming and often affecting journey . ";
        assertEquals(List.of("it", "'s", "a", "charming", "and", "often", "affecting", "journey", "."),
                new CoreNlpTokenizer().tokenize(sst));
    }

    @Test
    void char_tokenizer_keeps_code_points_whole() {
        Tokenizer t = new CharTokenizer();
        assertEquals(List.of("a", "\uD83D\uDE00", "\n"), t.tokenize("a\uD83D\uDE00\n"));
        assertEquals("a\uD83D\uDE00\n", t.detokenize(t.tokenize("a\uD83D\uDE00\n")));
    }

    @Test
    void whitespace_tokenizer_ignores_runs_and_edges() {
        assertEquals(List.of("a", "b", "c"), new WhitespaceTokenizer().tokenize("  a \t b\n c  "));
        assertEquals(List.of(), new WhitespaceTokenizer().tokenize("   "));
    }

    @Test
    void normalizer_removes_html_breaks_and_lowercases() {
        assertEquals("great film", new TextNormalizer(true).normalize("Great<br />Film"));
        assertEquals("A B", new TextNormalizer(false).normalize("A<BR>B"));
    }

    @Test
    void pipeline_keeps_the_last_tokens_when_cutting() {
        TextPipeline p = new TextPipeline(new TextNormalizer(false), new WhitespaceTokenizer(), 2);
        assertEquals(List.of("c", "d"), p.tokens("a b c d"));
    }

    @Test
    void pipeline_turns_an_empty_text_into_one_unknown_token() {
        TextPipeline p = new TextPipeline(new TextNormalizer(false), new WhitespaceTokenizer(), 0);
        assertEquals(1, p.encode("   ", Vocabulary.of(List.of("x"))).length);
        assertEquals(Vocabulary.UNK_ID, p.encode("   ", Vocabulary.of(List.of("x")))[0]);
    }

    @Test
    void sentences_are_split_and_keep_their_written_text() {
        List<CoreNlpTokenizer.Sentence> s = new CoreNlpTokenizer().sentences("I don't know.  Dr. Smith went (home)!\nOK");
        assertEquals(3, s.size(), s::toString);
        assertEquals(List.of("I", "do", "n't", "know", "."), s.get(0).tokens());
        assertEquals("I don't know.", s.get(0).text());
        assertEquals(List.of("Dr.", "Smith", "went", "(", "home", ")", "!"), s.get(1).tokens());
        assertEquals("Dr. Smith went (home)!", s.get(1).text());
        assertEquals(List.of("OK"), s.get(2).tokens());
        assertEquals(List.of(), new CoreNlpTokenizer().sentences("   "));
    }
}
