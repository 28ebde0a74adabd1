package dev.rill.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpDownloader} against a local JDK HTTP server (no network needed). */
class HttpDownloaderTest {

    private static final byte[] BODY = "label\ttext\n1\tgreat\n".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final HttpDownloader downloader = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data.tsv", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/data.tsv");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] page = "<html>not found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void theBodyOfA200ResponseReplacesTheTargetFile() throws Exception {
        Path target = Files.writeString(dir.resolve("t"), "old contents that are longer than the body");
        downloader.download(url("/data.tsv"), target);
        assertArrayEquals(BODY, Files.readAllBytes(target));
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        Path target = Files.createFile(dir.resolve("t"));
        downloader.download(url("/moved"), target);
        assertArrayEquals(BODY, Files.readAllBytes(target));
    }

    @Test
    void anErrorStatusFailsWithoutWritingTheErrorPage() throws Exception {
        Path target = Files.createFile(dir.resolve("t"));
        IOException e = assertThrows(IOException.class, () -> downloader.download(url("/missing"), target));
        assertEquals("HTTP 404 from " + url("/missing"), e.getMessage());
        assertEquals(0, Files.size(target));
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        IOException e = assertThrows(IOException.class,
                () -> downloader.download(URI.create("file:///etc/passwd"), dir.resolve("t")));
        assertTrue(e.getMessage().startsWith("not an http(s) URL"), e.getMessage());
    }
}
