package dev.rill.generate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How well a model predicted a token sequence: the summed negative log-likelihood in nats and
 * the number of tokens predicted, with the usual per-token views
 * {@code nats = totalNats / tokens}, {@code bits = nats / ln 2}, {@code perplexity = e^nats}.
 *
 * @param totalNats {@code -sum ln P(x_t | x_<t)} over the predicted tokens
 * @param tokens    how many tokens were predicted ({@code > 0})
 */
public record CrossEntropy(double totalNats, long tokens) {

    public CrossEntropy {
        if (tokens <= 0) {
            throw new IllegalArgumentException("a cross-entropy needs at least one predicted token, got " + tokens);
        }
        if (!(totalNats >= 0)) {
            throw new IllegalArgumentException("total nats must be >= 0, got " + totalNats);
        }
    }

    public double natsPerToken() {
        return totalNats / tokens;
    }

    public double bitsPerToken() {
        return natsPerToken() / Math.log(2);
    }

    public double perplexity() {
        return Math.exp(natsPerToken());
    }

    /** A JSON-ready view: {@code tokens}, {@code total_nats}, {@code nats_per_token}, {@code bits_per_token}, {@code perplexity}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", tokens);
        m.put("total_nats", totalNats);
        m.put("nats_per_token", natsPerToken());
        m.put("bits_per_token", bitsPerToken());
        m.put("perplexity", perplexity());
        return m;
    }

    /** One line for people: {@code 1.2345 nats/token  1.7810 bits/token  perplexity 3.437  (1000 tokens)}. */
    public String format() {
        return String.format(Locale.ROOT, "%.4f nats/token  %.4f bits/token  perplexity %.3f  (%d tokens)",
                natsPerToken(), bitsPerToken(), perplexity(), tokens);
    }
}
