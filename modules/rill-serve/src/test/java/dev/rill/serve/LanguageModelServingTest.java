package dev.rill.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real language-model bundle served over HTTP: the answer is what the trained model writes. */
class LanguageModelServingTest {

    private static RillServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        ServeSettings settings = TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30));
        server = RillServer.start(new ModelRegistry(List.of(Bundles.load(TestBundles.languageModel(), "lm", settings))), settings);
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void greedy_generation_continues_the_pattern_it_learnt() {
        Http.Reply reply = http.post("/api/generate", Map.of("model", "lm", "prompt", "abcdab", "length", 8, "temperature", 0, "seed", 1));
        assertEquals(200, reply.status(), reply.body());
        assertEquals("cdabcdab", reply.json().get("text").asText(), reply.body());
    }

    @Test
    void the_same_seed_gives_the_same_text() {
        Map<String, Object> request = Map.of("model", "lm", "prompt", "ab", "length", 30, "temperature", 1.5, "seed", 7);
        String first = http.post("/api/generate", request).json().get("text").asText();
        String second = http.post("/api/generate", request).json().get("text").asText();
        assertEquals(first, second);
        assertEquals(30, first.length());
        assertTrue(first.chars().allMatch(c -> "abcd".indexOf(c) >= 0), first);
    }
}
