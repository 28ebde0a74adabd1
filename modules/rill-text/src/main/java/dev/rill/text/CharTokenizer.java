package dev.rill.text;

import java.util.ArrayList;
import java.util.List;

/** One token per Unicode code point (so a character outside the BMP is one token, not two). */
public final class CharTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join("", tokens);
    }
}
