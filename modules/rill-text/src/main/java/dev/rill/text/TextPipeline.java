package dev.rill.text;

import dev.rill.config.DataConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw text to tokens, identically at training and prediction time: normalize, tokenize, cut to
 * the configured length.
 *
 * <p>Long texts keep their <em>last</em> {@code maxLength} tokens: reviews tend to end on their
 * verdict, and it is what a recurrent classifier reading to the last step sees most clearly
 * (Keras' {@code pad_sequences} truncates the same side by default).
 *
 * @param normalizer what happens to text before tokenization
 * @param tokenizer  how text is cut
 * @param maxLength  tokens kept per text; 0 keeps all
 */
public record TextPipeline(TextNormalizer normalizer, Tokenizer tokenizer, int maxLength) {

    public static TextPipeline of(DataConfig data) {
        return new TextPipeline(new TextNormalizer(data.lowercase()), Tokenizers.create(data.tokenizer()), data.maxLength());
    }

    /** The tokens of a text, cut to {@code maxLength}; possibly empty. */
    public List<String> tokens(String text) {
        List<String> tokens = tokenizer.tokenize(normalizer.normalize(text));
        if (maxLength > 0 && tokens.size() > maxLength) {
            return new ArrayList<>(tokens.subList(tokens.size() - maxLength, tokens.size()));
        }
        return tokens;
    }

    /**
     * Token ids of a text. A text with no tokens (only characters the tokenizer drops) becomes one
     * {@link Vocabulary#UNK} token, so every example has at least one step to read.
     */
    public int[] encode(String text, Vocabulary vocabulary) {
        int[] ids = vocabulary.encode(tokens(text));
        return ids.length == 0 ? new int[] {Vocabulary.UNK_ID} : ids;
    }

    /** Token counts over texts, for {@link Vocabulary#build}. Tokenizes in parallel (CoreNLP is the slow part). */
    public Map<String, Long> count(List<String> texts) {
        return texts.parallelStream()
                .map(this::tokens)
                .collect(HashMap::new, (m, ts) -> ts.forEach(t -> m.merge(t, 1L, Long::sum)),
                        (a, b) -> b.forEach((k, v) -> a.merge(k, v, Long::sum)));
    }
}
