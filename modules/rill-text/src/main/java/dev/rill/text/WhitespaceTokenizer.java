package dev.rill.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits on runs of white space: for corpora that are already tokenized. */
public final class WhitespaceTokenizer implements Tokenizer {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String t : SPACE.split(text.strip())) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join(" ", tokens);
    }
}
