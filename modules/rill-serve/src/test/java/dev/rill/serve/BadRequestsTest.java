package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad request gets a 4xx with a JSON error naming the field and saying how to fix it,
 * and nothing ever answers with a stack trace. Limits here are small ({@link TestServers#SMALL}: 4096-byte
 * bodies, 4 texts, 200 characters, 50 tokens).
 */
class BadRequestsTest {

    private static RillServer server;
    private static Http http;

    /**
     * A bad request and what must come back.
     *
     * @param message a part of the message that must be there
     */
    record Case(String method, String path, String body, int status, String error, String field, String message) {
    }

    @BeforeAll
    static void start() {
        ServeSettings s = TestServers.settings(TestServers.SMALL, 1, Duration.ofSeconds(30));
        GeneratorModel broken = new GeneratorModel(FakeGenerator.info("broken"), () -> (prompt, params, onToken) -> {
            throw new IllegalStateException("secret internals at dev.rill.Something");
        }, 1, s.waitForCopy());
        server = RillServer.start(new ModelRegistry(List.of(TestServers.sentiment(s), TestServers.pos(s),
                TestServers.lm(s, () -> new FakeGenerator(Duration.ZERO)), broken)), s);
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Named<Case>> cases() {
        String longText = "good ".repeat(41);   // 205 characters
        return Stream.of(
                c("malformed JSON", "POST", "/api/classify", "{\"texts\": [\"good\"", 400, "invalid_json", null, "not valid JSON"),
                c("empty body", "POST", "/api/classify", "", 400, "invalid_json", null, "body is empty"),
                c("a JSON array, not an object", "POST", "/api/classify", "[\"good\"]", 400, "invalid_json", null, "must be a JSON object, got an array"),
                c("a duplicate key", "POST", "/api/classify", "{\"texts\": [\"a\"], \"texts\": [\"b\"]}", 400, "invalid_json", null, "Duplicate field 'texts'"),
                c("text after the object", "POST", "/api/classify", "{\"texts\": [\"good\"]} {}", 400, "invalid_json", null, "not valid JSON"),
                c("missing texts", "POST", "/api/classify", "{\"model\": \"sentiment\"}", 400, "missing_field", "texts", "texts is required"),
                c("texts as a string", "POST", "/api/classify", "{\"texts\": \"good\"}", 400, "wrong_type", "texts", "wrap a single text"),
                c("texts as an object", "POST", "/api/classify", "{\"texts\": {\"a\": 1}}", 400, "wrong_type", "texts", "must be an array of strings, got an object"),
                c("a number among the texts", "POST", "/api/classify", "{\"texts\": [\"good\", 7]}", 400, "wrong_type", "texts[1]", "texts[1] must be a string, got a whole number (7)"),
                c("no texts", "POST", "/api/classify", "{\"texts\": []}", 400, "invalid_value", "texts", "texts is empty"),
                c("a blank text", "POST", "/api/classify", "{\"texts\": [\"good\", \"  \"]}", 400, "invalid_value", "texts[1]", "texts[1] is empty"),
                c("too many texts", "POST", "/api/classify", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 400, "over_limit", "texts", "at most 4 are taken per request"),
                c("a text too long", "POST", "/api/classify", "{\"texts\": [\"" + longText + "\"]}", 400, "over_limit", "texts[0]", "--max-text-chars"),
                c("a misspelt field", "POST", "/api/classify", "{\"txts\": [\"good\"]}", 400, "unknown_field", "txts", "did you mean 'texts'?"),
                c("the model as a number", "POST", "/api/classify", "{\"model\": 3, \"texts\": [\"good\"]}", 400, "wrong_type", "model", "model must be a string"),
                c("an unknown model", "POST", "/api/classify", "{\"model\": \"sentimnet\", \"texts\": [\"good\"]}", 404, "unknown_model", "model", "did you mean 'sentiment'?"),
                c("a tagger asked to classify", "POST", "/api/classify", "{\"model\": \"pos\", \"texts\": [\"good\"]}", 409, "not_a_classifier", "model", "is a tagger, not a classifier"),
                c("a body over the size limit", "POST", "/api/classify", "{\"texts\": [\"" + "a".repeat(5000) + "\"]}", 413, "too_large", null, "--max-body-bytes"),
                c("tagging without text", "POST", "/api/tag", "{\"model\": \"pos\"}", 400, "missing_field", "text", "text is required"),
                c("tagging a list", "POST", "/api/tag", "{\"text\": [\"the dog\"]}", 400, "wrong_type", "text", "text must be a string, got an array"),
                c("tagging blank text", "POST", "/api/tag", "{\"text\": \"\"}", 400, "invalid_value", "text", "text is empty"),
                c("a classifier asked to tag", "POST", "/api/tag", "{\"model\": \"sentiment\", \"text\": \"the dog\"}", 409, "not_a_tagger", "model", "use it with POST /api/classify"),
                c("a classifier asked to generate", "POST", "/api/generate", "{\"model\": \"sentiment\"}", 409, "not_a_generator", "model", "is a classifier, not a generator"),
                c("a generation of 0 tokens", "POST", "/api/generate", "{\"model\": \"lm\", \"length\": 0}", 400, "invalid_value", "length", "at least 1"),
                c("a generation over the limit", "POST", "/api/generate", "{\"model\": \"lm\", \"length\": 51}", 400, "over_limit", "length", "--max-generate-length"),
                c("a fractional length", "POST", "/api/generate", "{\"model\": \"lm\", \"length\": 2.5}", 400, "wrong_type", "length", "must be a whole number, got a number (2.5)"),
                c("a length as a string", "POST", "/api/generate", "{\"model\": \"lm\", \"length\": \"10\"}", 400, "wrong_type", "length", "got a string (\"10\")"),
                c("a negative temperature", "POST", "/api/generate", "{\"model\": \"lm\", \"temperature\": -0.5}", 400, "invalid_value", "temperature", ">= 0"),
                c("top_p of 0", "POST", "/api/generate", "{\"model\": \"lm\", \"top_p\": 0}", 400, "invalid_value", "top_p", "(0, 1]"),
                c("top_p over 1", "POST", "/api/generate", "{\"model\": \"lm\", \"top_p\": 1.5}", 400, "invalid_value", "top_p", "(0, 1]"),
                c("a negative top_k", "POST", "/api/generate", "{\"model\": \"lm\", \"top_k\": -1}", 400, "invalid_value", "top_k", ">= 0"),
                c("a seed as text", "POST", "/api/generate", "{\"model\": \"lm\", \"seed\": \"x\"}", 400, "wrong_type", "seed", "seed must be a whole number"),
                c("a misspelt temperature", "POST", "/api/generate", "{\"model\": \"lm\", \"temprature\": 1}", 400, "unknown_field", "temprature", "did you mean 'temperature'?"),
                c("a prompt too long", "POST", "/api/generate", "{\"model\": \"lm\", \"prompt\": \"" + longText + "\"}", 400, "over_limit", "prompt", "at most 200"),
                c("a streamed length that is not a number", "GET", "/api/generate/stream?model=lm&length=ten", null, 400, "wrong_type", "length", "got 'ten'"),
                c("a streamed field given twice", "GET", "/api/generate/stream?model=lm&seed=1&seed=2", null, 400, "invalid_value", "seed", "given 2 times"),
                c("a streamed unknown model", "GET", "/api/generate/stream?model=nope", null, 404, "unknown_model", "model", "this server has sentiment (a classifier)"),
                c("a streamed generation from a tagger", "POST", "/api/generate/stream", "{\"model\": \"pos\"}", 409, "not_a_generator", "model", "generators here: lm, broken"),
                c("several generators and none named", "POST", "/api/generate", "{}", 400, "missing_field", "model", "several generators are served: lm, broken"),
                c("an unknown path", "GET", "/api/clasify", null, 404, "not_found", null, "nothing at GET /api/clasify; this server has GET /api/models, POST /api/classify"),
                c("a GET of a POST endpoint", "GET", "/api/classify", null, 405, "method_not_allowed", null, "GET /api/classify is not allowed; /api/classify takes POST"),
                c("a POST to a GET endpoint", "POST", "/api/models", "{}", 405, "method_not_allowed", null, "takes GET"),
                c("a failure inside a model", "POST", "/api/generate", "{\"model\": \"broken\"}", 500, "internal", null, "the server failed"));
    }

    private static Named<Case> c(String name, String method, String path, String body, int status, String error, String field, String message) {
        return Named.of(name, new Case(method, path, body, status, error, field, message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void is_answered_with_a_json_error(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(c.path()));
        request = c.body() == null ? request.method(c.method(), HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        assertJsonError(Http.send(request), c);
    }

    static void assertJsonError(Http.Reply reply, Case c) {
        assertEquals(c.status(), reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonNode json = reply.json();
        assertEquals(c.error(), json.path("error").asText(), reply.body());
        assertTrue(json.path("message").asText().contains(c.message()), reply.body());
        if (c.field() == null) {
            assertNull(json.get("field"), reply.body());
        } else {
            assertEquals(c.field(), json.path("field").asText(), reply.body());
        }
        assertNoStackTrace(reply.body());
    }

    static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("dev.rill.") || body.contains("secret"),
                "no stack trace or internals in: " + body);
    }

    @Test
    void malformed_json_is_located_by_line_and_column_without_jacksons_source_notes() {
        String message = http.post("/api/classify", "{\"texts\":\n [\"good\"").json().get("message").asText();
        assertTrue(message.contains("at line 2, column"), message);
        assertFalse(message.contains("Source") || message.contains("REDACTED"), message);
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_too() {
        // No Content-Length: the limit must hold while reading, not only when the client announces the size.
        byte[] big = ("{\"texts\": [\"" + "a".repeat(10_000) + "\"]}").getBytes(StandardCharsets.UTF_8);
        Http.Reply reply = Http.send(HttpRequest.newBuilder(http.uri("/api/classify")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertJsonError(reply, new Case("POST", "/api/classify", null, 413, "too_large", null, "over 4096 bytes"));
    }

    @Test
    void bytes_that_are_not_utf8_are_malformed_json() {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', 's', '"', ':', '[', '"', (byte) 0xff, (byte) 0xfe, '"', ']', '}'};
        Http.Reply reply = Http.send(HttpRequest.newBuilder(http.uri("/api/classify")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertJsonError(reply, new Case("POST", "/api/classify", null, 400, "invalid_json", null, "UTF-8"));
    }

    @Test
    void a_405_says_which_methods_the_path_takes() {
        Http.Reply reply = http.get("/api/tag");
        assertEquals(405, reply.status());
        assertEquals("POST", reply.allow());
    }

    @Test
    void headers_over_jettys_limit_get_json_too() throws IOException {
        // Refused by Jetty before Javalin sees the request; sent by hand because java.net.http would refuse to build it.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 431"), response);
            assertTrue(response.contains("application/json"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            JsonNode json = Http.JSON.readTree(body);
            assertEquals("request_header_fields_too_large", json.get("error").asText(), body);
            assertNoStackTrace(body);
        }
    }

    @Test
    void a_malformed_request_line_gets_json() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("BLAH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("bad_request", Http.JSON.readTree(body).get("error").asText(), body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (java.net.SocketException e) {
            return new byte[0];
        }
    }
}
