package dev.rill.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What happens to raw text before tokenization, the same at training and prediction time.
 *
 * <p>HTML line breaks ({@code <br />}, 29k of IMDB's 50k reviews have them) become spaces:
 * left in, the tokenizer would make {@code <} {@code br} {@code />} tokens that carry no meaning.
 *
 * @param lowercase whether to lowercase (with the root locale, so results do not depend on the machine)
 */
public record TextNormalizer(boolean lowercase) {

    private static final Pattern HTML_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

    public String normalize(String text) {
        String t = HTML_BREAK.matcher(text).replaceAll(" ");
        return lowercase ? t.toLowerCase(Locale.ROOT) : t;
    }
}
