package dev.rill.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Downloader} over HTTP(S) with the JDK's {@link HttpClient}: follows redirects (except
 * HTTPS to HTTP), fails on any status other than 200, and times out when connecting or when the
 * response headers are slow to come.
 *
 * <p>The request timeout covers the wait for the response headers, not the body, so a large file
 * on a slow link is not cut off; a stalled body is left to the TCP stack. Integrity is not this
 * class's job: {@link CorpusStore} checks size and sha256 of what arrives.
 */
public final class HttpDownloader implements Downloader {

    private final HttpClient client;
    private final Duration requestTimeout;

    /** 30 s to connect, 5 min for the response headers. */
    public HttpDownloader() {
        this(Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    public HttpDownloader(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw new IOException("not an http(s) URL: " + uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("User-Agent", "rill-corpus-fetch")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + uri);
        }
        // Checked before touching target: an error page must never be mistaken for the file.
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + response.uri());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
