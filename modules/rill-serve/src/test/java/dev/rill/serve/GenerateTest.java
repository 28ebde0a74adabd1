package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/generate} and its event stream, against {@link FakeGenerator}: the endpoint code is the
 * one a language model will be served with.
 */
class GenerateTest {

    private static final List<FakeGenerator> made = new CopyOnWriteArrayList<>();
    private static RillServer server;
    private static Http http;

    /** A server-sent event. */
    record Event(String name, JsonNode data, long nanos) {
    }

    @BeforeAll
    static void start() {
        server = RillServer.start(new ModelRegistry(List.of(TestServers.lm(TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30)),
                () -> {
                    FakeGenerator g = new FakeGenerator(Duration.ofMillis(5));
                    made.add(g);
                    return g;
                }))), TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30)));
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void generates_with_the_requested_parameters_in_one_response() {
        Http.Reply reply = http.post("/api/generate", Map.of("model", "lm", "prompt", "The king", "length", 12, "temperature", 0.7,
                "top_k", 5, "top_p", 0.9, "seed", 42));
        assertEquals(200, reply.status(), reply.body());
        JsonNode json = reply.json();
        assertEquals("lm", json.get("model").asText());
        assertEquals("The king", json.get("prompt").asText());
        assertEquals(FakeGenerator.expected(42, 12), json.get("text").asText());
        assertEquals(12, json.get("tokens").size());
        assertEquals(42, json.get("seed").asLong());
        assertTrue(made.stream().flatMap(g -> g.calls.stream()).anyMatch(p -> p.equals(new GenerationParams(12, 0.7, 5, 0.9, 42))),
                "the generator got every parameter: " + made.stream().flatMap(g -> g.calls.stream()).toList());
    }

    @Test
    void a_request_without_a_seed_gets_one_that_generates_the_same_text_again() {
        JsonNode first = http.post("/api/generate", "{\"length\": 8}").json();
        long seed = first.get("seed").asLong();
        assertTrue(seed >= 0 && seed < (1L << 53), "a seed a browser can send back exactly: " + seed);
        JsonNode again = http.post("/api/generate", Map.of("length", 8, "seed", seed)).json();
        assertEquals(first.get("text").asText(), again.get("text").asText());
    }

    @Test
    void streams_one_event_per_token_then_done_by_post_and_by_get() {
        List<Event> posted = events(HttpRequest.newBuilder(http.uri("/api/generate/stream")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"lm\", \"prompt\": \"a\", \"length\": 9, \"seed\": 7}")));
        List<Event> got = events(HttpRequest.newBuilder(http.uri("/api/generate/stream?model=lm&prompt=a&length=9&seed=7&temperature=0.5")).GET());
        for (List<Event> events : List.of(posted, got)) {
            assertEquals(10, events.size(), events.toString());
            StringBuilder text = new StringBuilder();
            for (Event e : events.subList(0, 9)) {
                assertEquals("token", e.name());
                text.append(e.data().get("text").asText());
            }
            assertEquals(FakeGenerator.expected(7, 9), text.toString());
            Event done = events.get(9);
            assertEquals("done", done.name());
            assertEquals(text.toString(), done.data().get("text").asText());
            assertEquals(9, done.data().get("tokens").asInt());
            assertEquals(7, done.data().get("seed").asLong());
        }
    }

    @Test
    void tokens_reach_the_client_as_they_are_made() {
        try (RillServer slow = RillServer.start(new ModelRegistry(List.of(TestServers.lm(settings(2, Duration.ofSeconds(5)),
                () -> new FakeGenerator(Duration.ofMillis(80))))), settings(2, Duration.ofSeconds(5)))) {
            List<Event> events = events(HttpRequest.newBuilder(new Http(slow.url()).uri("/api/generate/stream?length=10&seed=1")).GET());
            long first = events.get(0).nanos();
            long done = events.get(10).nanos();
            assertTrue(done - first > TimeUnit.MILLISECONDS.toNanos(500),
                    "the first token came " + (done - first) / 1_000_000 + " ms before the end, not all at once");
        }
    }

    @Test
    void a_client_that_goes_away_frees_its_generator_at_the_next_token() throws Exception {
        ServeSettings one = settings(1, Duration.ofMillis(500));
        try (RillServer single = RillServer.start(new ModelRegistry(List.of(TestServers.lm(one,
                () -> new FakeGenerator(Duration.ofMillis(40))))), one)) {
            Http h = new Http(single.url());
            HttpResponse<Stream<String>> response = Http.client().send(
                    HttpRequest.newBuilder(h.uri("/api/generate/stream?length=50&seed=3")).GET().build(), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                Iterator<String> it = lines.iterator();
                assertTrue(it.next().startsWith("event: token"));
            }   // closes the connection after one token of 50 (2 s of generating left)
            Thread.sleep(300);
            Http.Reply next = h.post("/api/generate", "{\"length\": 2}");
            assertEquals(200, next.status(), "the only copy was freed instead of generating for nobody: " + next.body());
        }
    }

    @Test
    void a_request_finding_every_copy_busy_gets_503_after_the_wait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ServeSettings one = settings(1, Duration.ofMillis(300));
        try (RillServer single = RillServer.start(new ModelRegistry(List.of(TestServers.lm(one, () -> (prompt, params, onToken) -> {
            await(release);
            onToken.accept(" done");
        }))), one)) {
            Http h = new Http(single.url());
            CompletableFuture<Http.Reply> holder = CompletableFuture.supplyAsync(() -> h.post("/api/generate", "{\"length\": 1}"));
            Thread.sleep(300);   // the first request holds the only copy
            long start = System.nanoTime();
            Http.Reply busy = h.post("/api/generate", "{\"length\": 1}");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, busy.status(), busy.body());
            assertEquals("busy", busy.json().get("error").asText());
            assertTrue(busy.json().get("message").asText().contains("--copies"), busy.body());
            assertTrue(waited >= 250, "waited for a copy first: " + waited + " ms");
            release.countDown();
            assertEquals(200, holder.get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void a_failure_half_way_ends_the_stream_with_an_error_event() {
        ServeSettings s = settings(1, Duration.ofSeconds(5));
        try (RillServer failing = RillServer.start(new ModelRegistry(List.of(TestServers.lm(s, () -> (prompt, params, onToken) -> {
            onToken.accept(" one");
            onToken.accept(" two");
            throw new IllegalStateException("network blew up");
        }))), s)) {
            List<Event> events = events(HttpRequest.newBuilder(new Http(failing.url()).uri("/api/generate/stream?length=5")).GET());
            assertEquals(List.of("token", "token", "error"), events.stream().map(Event::name).toList());
            assertEquals("internal", events.get(2).data().get("error").asText());
            assertTrue(events.get(2).data().get("message").asText().contains("after 2 tokens"), events.get(2).data().toString());
            BadRequestsTest.assertNoStackTrace(events.get(2).data().toString().replace("network blew up", "?"));
            assertTrue(!events.get(2).data().toString().contains("blew up"), "the cause stays in the server log");
        }
    }

    @Test
    void a_server_without_generators_says_so() {
        ServeSettings s = settings(1, Duration.ofSeconds(5));
        try (RillServer classifierOnly = RillServer.start(new ModelRegistry(List.of(TestServers.sentiment(s))), s)) {
            Http.Reply reply = new Http(classifierOnly.url()).post("/api/generate", "{\"prompt\": \"x\"}");
            assertEquals(404, reply.status());
            assertEquals("no_generator", reply.json().get("error").asText());
            assertEquals("no generator is loaded; this server has sentiment (a classifier)", reply.json().get("message").asText());
        }
    }

    private static ServeSettings settings(int copies, Duration wait) {
        return TestServers.settings(Limits.DEFAULTS, copies, wait);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a whole event stream, noting when each event arrived. */
    static List<Event> events(HttpRequest.Builder request) {
        try {
            HttpResponse<Stream<String>> response = Http.client().send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<Event> events = new ArrayList<>();
            String name = null;
            try (Stream<String> lines = response.body()) {
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(name, Http.JSON.readTree(line.substring(6)), System.nanoTime()));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
