package dev.rill.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file shipped in this jar, read once at start and served as is: the demo page's HTML, script and
 * styles. Three files do not need Jetty's resource handler (directory rules, aliases, caching
 * headers); a missing one fails the start, not a request.
 */
final class StaticResource implements Handler {

    private final byte[] bytes;
    private final String contentType;

    private StaticResource(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    /** @param name a file in {@code dev/rill/serve/demo/} */
    static StaticResource demo(String name, String contentType) {
        return new StaticResource(read("demo/" + name), contentType);
    }

    static byte[] read(String name) {
        try (InputStream in = StaticResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/rill/serve/" + name + " is missing from the rill-serve jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType(contentType).result(bytes);
    }
}
