package dev.rill.text;

import dev.rill.config.DataConfig;
import dev.rill.config.TokenizerKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Running text as one token stream for a language model, and tokens back to text, identically at
 * training, evaluation and generation time.
 *
 * <p>Line breaks are tokens, so a model learns where lines end (verse, speaker names, paragraphs):
 * <ul>
 *   <li>characters ({@code tokenizer: char}): every code point is a token, {@value #LINE_BREAK} included;</li>
 *   <li>words ({@code whitespace}, {@code corenlp}): the tokenizers treat line breaks as white space, so
 *       each line is tokenized alone and followed by the token {@value #LINE_BREAK} when it ended with one;
 *       a blank line is a lone {@value #LINE_BREAK}.</li>
 * </ul>
 * Text is normalized first ({@link TextNormalizer}: lowercasing when configured). Joining back puts
 * nothing between characters, and one space between words except next to a line break.
 *
 * @param normalizer what happens to text before tokenization
 * @param tokenizer  how a line is cut
 * @param characters whether tokens are characters (joined without spaces)
 */
public record RunningText(TextNormalizer normalizer, Tokenizer tokenizer, boolean characters) {

    /** The line-break token. */
    public static final String LINE_BREAK = "\n";

    public static RunningText of(DataConfig data) {
        return new RunningText(new TextNormalizer(data.lowercase()), Tokenizers.create(data.tokenizer()),
                data.tokenizer() == TokenizerKind.CHAR);
    }

    /** The tokens of {@code text}, line breaks included; possibly empty. */
    public List<String> tokens(String text) {
        String normalized = normalizer.normalize(text);
        if (characters) {
            return tokenizer.tokenize(normalized);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < normalized.length()) {
            int end = normalized.indexOf('\n', start);
            String line = normalized.substring(start, end < 0 ? normalized.length() : end);
            out.addAll(tokenizer.tokenize(line));
            if (end < 0) {
                break;
            }
            out.add(LINE_BREAK);
            start = end + 1;
        }
        return out;
    }

    /**
     * How {@code token} is written after {@code previous} ({@code null} at the start of the text):
     * the token, with a space in front when both are words. Lets generated text be printed token by
     * token.
     */
    public String display(String previous, String token) {
        if (characters || previous == null || LINE_BREAK.equals(previous) || LINE_BREAK.equals(token)) {
            return token;
        }
        return " " + token;
    }

    /** The tokens written as text. */
    public String join(List<String> tokens) {
        StringBuilder b = new StringBuilder();
        String previous = null;
        for (String token : tokens) {
            b.append(display(previous, token));
            previous = token;
        }
        return b.toString();
    }
}
