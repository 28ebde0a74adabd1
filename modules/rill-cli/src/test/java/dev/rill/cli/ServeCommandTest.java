package dev.rill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rill serve} from the command line: it serves until stopped, and bad arguments exit 2 with the fix. */
class ServeCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void train() throws Exception {
        Path cfg = TinyTask.config(dir, "{epochs: 2, batch_size: 16}");
        CliRun train = CliRun.of("train", cfg.toString(), "--out", dir.resolve("tiny-sentiment").toString());
        assertEquals(0, train.code(), train.err());
        bundle = Path.of(train.lastLine().substring("bundle: ".length()));
    }

    @Test
    void serves_the_bundle_under_its_run_folders_name_until_stopped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                "serve", bundle.toString(), "--port", "0", "--copies", "1")));
        serving.start();
        String url = awaitUrl(out, err);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("serving tiny-sentiment (classifier)\n"), out.toString(StandardCharsets.UTF_8));
        assertTrue(url.startsWith("http://127.0.0.1:"), url);

        JsonNode models = get(url + "api/models");
        assertEquals("tiny-sentiment", models.get("models").get(0).get("name").asText());
        HttpResponse<String> classified = HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/classify"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"a great film\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, classified.statusCode(), classified.body());

        serving.interrupt();
        serving.join(10_000);
        assertEquals(0, code.get(), err.toString(StandardCharsets.UTF_8));
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(URI.create(url + "health")).build(),
                HttpResponse.BodyHandlers.ofString()), "the port is closed once serve returns");
    }

    private static String awaitUrl(ByteArrayOutputStream out, ByteArrayOutputStream err) throws InterruptedException {
        Pattern listening = Pattern.compile("listening on (http://\\S+/)");
        for (int i = 0; i < 600; i++) {
            Matcher m = listening.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void a_missing_bundle_exits_two() {
        CliRun r = CliRun.of("serve", dir.resolve("nope.rill").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.rill: no such bundle"), r.err());
    }

    @Test
    void no_bundle_is_a_usage_error() {
        CliRun r = CliRun.of("serve");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required parameter: 'BUNDLE'"), r.err());
    }

    @Test
    void two_bundles_with_one_name_exit_two_suggesting_name() {
        CliRun r = CliRun.of("serve", bundle.toString(), bundle.toString(), "--port", "0");
        assertEquals(2, r.code());
        assertEquals("rill: two models are called 'tiny-sentiment'; give each a name with --name", r.err().strip());
    }

    @Test
    void more_names_than_bundles_exit_two() {
        CliRun r = CliRun.of("serve", bundle.toString(), "--name", "a", "--name", "b");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("2 --name options for 1 bundles"), r.err());
    }

    @Test
    void a_limit_below_one_exits_two_naming_the_option() {
        CliRun r = CliRun.of("serve", bundle.toString(), "--max-texts", "0");
        assertEquals(2, r.code());
        assertEquals("rill: --max-texts must be at least 1, got 0", r.err().strip());
    }

    @Test
    void a_port_in_use_exits_two() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("serve", bundle.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.code());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertTrue(r.err().contains("choose another --port"), r.err());
        }
    }
}
