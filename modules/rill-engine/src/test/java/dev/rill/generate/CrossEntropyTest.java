package dev.rill.generate;

import dev.rill.engine.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossEntropyTest {

    @Test
    void per_token_views_follow_from_the_total() {
        CrossEntropy ce = new CrossEntropy(6.0, 4);
        assertEquals(1.5, ce.natsPerToken(), 1e-15);
        assertEquals(1.5 / Math.log(2), ce.bitsPerToken(), 1e-15);
        assertEquals(Math.exp(1.5), ce.perplexity(), 1e-12);
    }

    @Test
    void uniform_over_v_has_perplexity_v() {
        CrossEntropy ce = new CrossEntropy(10 * Math.log(65), 10);
        assertEquals(65, ce.perplexity(), 1e-9);
        assertEquals(Math.log(65) / Math.log(2), ce.bitsPerToken(), 1e-12);
    }

    @Test
    void serializes_with_snake_case_names() throws Exception {
        Map<String, Object> m = Json.readMap(Json.compact(new CrossEntropy(6.0, 4).toMap()).getBytes());
        assertEquals(4, m.get("tokens"));
        assertEquals(1.5, m.get("nats_per_token"));
        assertEquals(6.0, m.get("total_nats"));
        assertTrue(m.containsKey("bits_per_token") && m.containsKey("perplexity"), m.toString());
    }

    @Test
    void formats_one_line() {
        assertEquals("1.5000 nats/token  2.1640 bits/token  perplexity 4.482  (4 tokens)", new CrossEntropy(6.0, 4).format());
    }

    @Test
    void rejects_empty_or_negative_scores() {
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropy(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropy(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropy(Double.NaN, 3));
    }
}
