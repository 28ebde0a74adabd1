package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol, with the JDK's own WebSocket
 * client: a page is loaded, typed into and clicked as a person would (real input events), and read
 * back from its DOM. No Selenium or chromedriver: the handful of protocol calls a test needs are
 * shorter than their dependency tree, and there is no driver version to keep in step with Chromium.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path log, URI page) throws Exception {
        this.process = process;
        this.log = log;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Replies()).get(30, TimeUnit.SECONDS);
    }

    /** Starts Chromium with a fresh profile in {@code dir} and connects to its blank page. */
    static HeadlessChromium launch(Path dir) throws Exception {
        Path profile = dir.resolve("profile");
        Path log = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1280,1100", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = devToolsPort(profile, process, log);
            HttpResponse<String> list = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : Http.JSON.readTree(list.body())) {
                if ("page".equals(target.path("type").asText())) {
                    return new HeadlessChromium(process, log, URI.create(target.get("webSocketDebuggerUrl").asText()));
                }
            }
            throw new IllegalStateException("Chromium shows no page: " + list.body());
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium writes the port it picked (--remote-debugging-port=0) to DevToolsActivePort in the profile. */
    private static int devToolsPort(Path profile, Process process, Path log) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(portFile)) {
                String first = Files.readString(portFile).lines().findFirst().orElse("");
                if (!first.isBlank()) {
                    return Integer.parseInt(first.strip());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 60 s: " + Files.readString(log));
    }

    /** Sends a DevTools command and returns its result. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = Http.JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", Http.JSON.valueToTree(params));
        socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Opens a URL and waits until the document has loaded. */
    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href === " + Http.JSON.writeValueAsString(url), Duration.ofSeconds(30));
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls an expression until it is truthy, and returns its value. */
    JsonNode waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = eval(expression);
            if (truthy(value)) {
                return value;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("still not true after " + timeout.toSeconds() + " s: " + expression + " (last value " + value + ")");
    }

    private static boolean truthy(JsonNode v) {
        return v != null && !v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean())
                && !(v.isTextual() && v.asText().isEmpty()) && !(v.isNumber() && v.asDouble() == 0);
    }

    /** Clicks the middle of the element {@code selector} with the mouse. */
    void click(String selector) throws Exception {
        JsonNode box = eval("(() => { const r = document.querySelector(" + Http.JSON.writeValueAsString(selector) + ").getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(), "y", box.get("y").asDouble(),
                    "button", "left", "clickCount", 1));
        }
    }

    /** Replaces the text of the input or textarea {@code selector} by typing {@code text} into it. */
    void type(String selector, String text) throws Exception {
        eval("(() => { const e = document.querySelector(" + Http.JSON.writeValueAsString(selector) + "); e.focus(); e.select(); })()");
        call("Input.insertText", Map.of("text", text));
    }

    /** A PNG of the page as shown. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Chromium is stopped next either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Matches replies to calls by id; events (messages without an id) are not needed here. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = Http.JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(p -> p.completeExceptionally(e));
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
