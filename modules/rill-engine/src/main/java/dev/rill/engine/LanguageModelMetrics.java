package dev.rill.engine;

import dev.rill.generate.CrossEntropy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a language model predicts a held-out text: the cross-entropy over its tokens (every
 * token but the first is predicted). Tokens outside the training vocabulary read as {@code <unk>}
 * and are scored as that token; their number is reported beside it.
 *
 * @param crossEntropy  total nats and tokens predicted
 * @param unknownTokens tokens of the text that are {@code <unk>}
 */
public record LanguageModelMetrics(CrossEntropy crossEntropy, long unknownTokens) implements TaskMetrics {

    public double natsPerToken() {
        return crossEntropy.natsPerToken();
    }

    /** {@code tokens}, {@code total_nats}, {@code nats_per_token}, {@code bits_per_token}, {@code perplexity}, {@code unknown_tokens}. */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(crossEntropy.toMap());
        m.put("unknown_tokens", unknownTokens);
        return m;
    }

    @Override
    public String format() {
        return crossEntropy.format() + (unknownTokens > 0 ? ", " + unknownTokens + " unknown" : "") + "\n";
    }
}
