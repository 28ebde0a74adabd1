package dev.rill.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent requests never share a network: each gets exactly the answer (to the last bit of every
 * probability) it gets when it is the only request.
 *
 * <p>DL4J 1.0.0-M2.1 makes {@code MultiLayerNetwork.output} {@code synchronized}, so for classify and tag
 * a shared network would be correct but one request at a time; {@code rnnTimeStep}, which generation
 * uses, is not, and keeps the recurrent state in the network. {@link StatefulGenerator} keeps its state
 * the same way, so the generation case fails if two requests ever hold one instance.
 */
class ConcurrentRequestsTest {

    private static final int COPIES = 4;
    private static RillServer server;
    private static Http http;
    private static ClassifierModel sentiment;
    private static TaggerModel pos;

    /**
     * Like a recurrent network stepped with {@code rnnTimeStep}: the state lives in the instance, is reset
     * at the start of each generation and advanced with every token; each token depends on it.
     */
    static final class StatefulGenerator implements Generator {
        private long state;

        @Override
        public void generate(String prompt, GenerationParams params, java.util.function.Consumer<String> onToken) {
            state = prompt.hashCode() * 31L + params.seed();
            for (int i = 0; i < params.length(); i++) {
                FakeGenerator.sleep(Duration.ofMillis(1));   // lets other requests run in between, as a real step would
                state = state * 6364136223846793005L + 1442695040888963407L;
                onToken.accept(" " + Long.toHexString(state >>> 48));
            }
        }
    }

    @BeforeAll
    static void start() {
        ServeSettings s = TestServers.settings(Limits.DEFAULTS, COPIES, Duration.ofSeconds(120));
        sentiment = TestServers.sentiment(s);
        pos = TestServers.pos(s);
        server = RillServer.start(new ModelRegistry(List.of(sentiment, pos, TestServers.lm(s, StatefulGenerator::new))), s);
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void concurrent_classify_requests_each_get_the_answer_they_get_alone() throws Exception {
        Random r = new Random(5);
        String[] words = {"the", "film", "was", "very", "good", "dull", "plot", "fun", "grim", "lovely", "and", "story", "it", "a"};
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // 1 to 3 texts of 2 to 30 words: different lengths, so concurrent forward passes have different shapes.
            List<String> texts = new ArrayList<>();
            for (int t = 1 + r.nextInt(3); t > 0; t--) {
                List<String> w = new ArrayList<>();
                for (int n = 2 + r.nextInt(29); n > 0; n--) {
                    w.add(words[r.nextInt(words.length)]);
                }
                texts.add(String.join(" ", w));
            }
            bodies.add(Http.JSON.writeValueAsString(Map.of("model", "sentiment", "texts", texts)));
        }
        assertConcurrentAnswersMatchSolo("/api/classify", bodies);
        assertTrue(sentiment.copiesMade() > 1 && sentiment.copiesMade() <= COPIES,
                "requests ran side by side on " + sentiment.copiesMade() + " copies (at most " + COPIES + ")");
    }

    @Test
    void concurrent_tag_requests_each_get_the_answer_they_get_alone() throws Exception {
        Random r = new Random(6);
        String[] sentences = {"The dog likes the run.", "The run sees the big cat.", "The cat run the dog.", "The small bird chases the idea."};
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            StringBuilder text = new StringBuilder();
            for (int s = 1 + r.nextInt(4); s > 0; s--) {
                text.append(sentences[r.nextInt(sentences.length)]).append(' ');
            }
            bodies.add(Http.JSON.writeValueAsString(Map.of("model", "pos", "text", text.toString().strip())));
        }
        assertConcurrentAnswersMatchSolo("/api/tag", bodies);
        assertTrue(pos.info().name().equals("pos"));
    }

    @Test
    void concurrent_generations_never_share_recurrent_state() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bodies.add(Http.JSON.writeValueAsString(Map.of("model", "lm", "prompt", "prompt " + i, "length", 20, "seed", i)));
        }
        assertConcurrentAnswersMatchSolo("/api/generate", bodies);
    }

    private static void assertConcurrentAnswersMatchSolo(String path, List<String> bodies) throws Exception {
        Map<String, String> alone = new HashMap<>();
        for (String body : bodies) {
            Http.Reply reply = http.post(path, body);
            assertEquals(200, reply.status(), reply.body());
            alone.put(body, reply.body());
        }
        List<String> load = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            load.addAll(bodies);
        }
        Collections.shuffle(load, new Random(7));
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> mismatches = new ArrayList<>();
            for (String body : load) {
                mismatches.add(clients.submit(() -> {
                    Http.Reply reply = http.post(path, body);
                    return reply.status() == 200 && reply.body().equals(alone.get(body)) ? null
                            : "request " + body + "\n  alone:      " + alone.get(body) + "\n  concurrent: " + reply.status() + " " + reply.body();
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<String> f : mismatches) {
                if (f.get() != null) {
                    wrong.add(f.get());
                }
            }
            assertEquals(List.of(), wrong, wrong.size() + " of " + load.size() + " concurrent answers differ from the answer alone");
        } finally {
            clients.shutdownNow();
        }
    }
}
