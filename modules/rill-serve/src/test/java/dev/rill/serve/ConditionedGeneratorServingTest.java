package dev.rill.serve;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real one-to-many bundle ({@code task: conditioned_generation}) served next to a language model: the condition
 * chooses what it writes, and a missing, unknown or unwanted condition is a 400 that says which conditions exist.
 */
class ConditionedGeneratorServingTest {

    private static RillServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        ServeSettings settings = TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30));
        server = RillServer.start(new ModelRegistry(List.of(
                Bundles.load(TestBundles.conditionedGenerator(), "reviews", settings),
                Bundles.load(TestBundles.languageModel(), "lm", settings))), settings);
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_condition_chooses_the_sentence() {
        for (String[] c : new String[][] {{"1", "a good film"}, {"0", "a bad film"}}) {
            Http.Reply reply = http.post("/api/generate", Map.of("model", "reviews", "condition", c[0], "length", 10, "temperature", 0));
            assertEquals(200, reply.status(), reply.body());
            assertEquals(c[1], reply.json().get("text").asText().strip(), reply.body());
        }
    }

    @Test
    void guidance_writes_for_the_condition_and_a_language_model_refuses_it() {
        Http.Reply guided = http.post("/api/generate", Map.of("model", "reviews", "condition", "0", "length", 10, "temperature", 0,
                "guidance", 2));
        assertEquals(200, guided.status(), guided.body());
        assertEquals("a bad film", guided.json().get("text").asText().strip(), guided.body());

        Http.Reply lm = http.post("/api/generate", Map.of("model", "lm", "length", 5, "guidance", 1));
        assertEquals(400, lm.status(), lm.body());
        assertEquals("guidance", lm.json().get("field").asText());
        Http.Reply negative = http.post("/api/generate", Map.of("model", "reviews", "condition", "0", "length", 5, "guidance", -1));
        assertEquals(400, negative.status(), negative.body());
        assertTrue(negative.json().get("message").asText().contains("guidance must be a finite number >= 0"), negative.body());
    }

    @Test
    void the_stream_takes_the_condition_from_the_query_string_too() {
        Http.Reply reply = http.get("/api/generate/stream?model=reviews&condition=0&temperature=0&length=10");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().contains("event: done") && reply.body().contains("bad"), reply.body());
    }

    @Test
    void models_lists_the_conditions() {
        JsonNode models = http.get("/api/models").json().get("models");
        JsonNode reviews = models.get(0).get("name").asText().equals("reviews") ? models.get(0) : models.get(1);
        assertEquals("conditioned_generation", reviews.get("task").asText());
        assertEquals("[\"0\",\"1\"]", reviews.get("conditions").toString());
        assertTrue(!reviews.has("labels"), reviews.toString());
    }

    @Test
    void a_missing_unknown_or_unwanted_condition_is_a_400_naming_the_field() {
        Http.Reply missing = http.post("/api/generate", Map.of("model", "reviews", "length", 5));
        assertEquals(400, missing.status(), missing.body());
        assertEquals("condition", missing.json().get("field").asText());
        assertTrue(missing.json().get("message").asText().contains("[0, 1]"), missing.body());

        Http.Reply unknown = http.post("/api/generate", Map.of("model", "reviews", "condition", "2", "length", 5));
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.json().get("message").asText().contains("unknown condition '2'"), unknown.body());

        Http.Reply unwanted = http.post("/api/generate", Map.of("model", "lm", "condition", "1", "length", 5));
        assertEquals(400, unwanted.status(), unwanted.body());
        assertEquals("condition", unwanted.json().get("field").asText());
        assertTrue(unwanted.json().get("message").asText().contains("takes no condition"), unwanted.body());

        Http.Reply wrongType = http.post("/api/generate", Map.of("model", "reviews", "condition", 1, "length", 5));
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals("condition", wrongType.json().get("field").asText());
    }
}
