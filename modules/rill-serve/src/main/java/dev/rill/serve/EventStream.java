package dev.rill.serve;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent event stream ({@code text/event-stream}): {@code event: NAME} and one line of JSON
 * {@code data} per event, flushed at once so each token reaches the client as it is made.
 *
 * <p>The response is committed by the first event, not before: a request that fails before
 * anything is sent (a busy model) still gets an ordinary JSON error with its status.
 */
final class EventStream {

    private final Context ctx;
    private OutputStream out;

    EventStream(Context ctx) {
        this.ctx = ctx;
    }

    boolean started() {
        return out != null;
    }

    /**
     * Sends one event.
     *
     * @throws UncheckedIOException when the client has gone away
     */
    void send(String event, Object data) {
        try {
            if (out == null) {
                HttpServletResponse res = ctx.res();
                res.setStatus(200);
                res.setContentType("text/event-stream; charset=utf-8");
                res.setHeader("Cache-Control", "no-cache");
                res.setHeader("X-Accel-Buffering", "no");   // a proxy in front must not hold tokens back
                // Written to the servlet stream directly: Javalin's own result stream may compress, which buffers.
                out = res.getOutputStream();
            }
            out.write(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.write(Responses.bytes(data));   // compact JSON: never a newline, so one data line
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }
}
