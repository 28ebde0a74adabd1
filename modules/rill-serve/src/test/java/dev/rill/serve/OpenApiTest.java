package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served OpenAPI document describes exactly the server's routes, with the limits it enforces. */
class OpenApiTest {

    private static RillServer server;
    private static Http http;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        ServeSettings s = TestServers.settings(TestServers.SMALL, 1, Duration.ofSeconds(10));
        server = TestServers.all(s, () -> new FakeGenerator(Duration.ZERO));
        http = TestServers.http(server);
        Http.Reply reply = http.get("/openapi.json");
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"));
        document = reply.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void is_openapi_3_1_and_documents_every_route_and_nothing_else() {
        assertEquals("3.1.0", document.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>(server.routes());
        served.removeAll(Set.of("GET /demo.js", "GET /demo.css"));   // the page's own files, described with "/"
        assertEquals(served, documented);
    }

    @Test
    void every_documented_operation_answers() {
        List<String> missing = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path.getKey()));
            request = method.equals("get") ? request.GET()
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"lm\", \"texts\": [\"a\"], \"text\": \"a\", \"length\": 1}"));
            Http.Reply reply = Http.send(request);
            if (reply.status() == 404 && reply.body().contains("not_found") || reply.status() == 405) {
                missing.add(method + " " + path.getKey() + ": " + reply.status());
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void states_the_limits_this_server_enforces() {
        JsonNode schemas = document.get("components").get("schemas");
        JsonNode texts = schemas.get("ClassifyRequest").get("properties").get("texts");
        assertEquals(TestServers.SMALL.maxTexts(), texts.get("maxItems").asInt());
        assertEquals(TestServers.SMALL.maxTextChars(), texts.get("items").get("maxLength").asInt());
        assertEquals(TestServers.SMALL.maxGenerateLength(), schemas.get("GenerateRequest").get("properties").get("length").get("maximum").asInt());
        assertTrue(document.get("info").get("description").asText().contains("up to 4096 bytes"));
        assertNotEquals(-1, document.toString().indexOf("not_a_generator"));
    }
}
