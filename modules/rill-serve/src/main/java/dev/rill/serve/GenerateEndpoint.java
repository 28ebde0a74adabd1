package dev.rill.serve;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/generate}: the whole text in one JSON response ({@link #single}), or the same as
 * server-sent events ({@link #stream}): one {@code token} event per token, then a {@code done} event
 * with the whole text (or an {@code error} event if generation fails half-way).
 */
final class GenerateEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateEndpoint.class);

    /**
     * @param text   everything generated, the prompt not included
     * @param tokens the pieces in order (their concatenation is {@code text})
     * @param seed   the seed used: send it back to generate the same text again
     */
    record Response(String model, String prompt, String text, List<String> tokens, long seed) {
    }

    record Token(String text) {
    }

    /** The stream's last event: the same as {@link Response} without the pieces, which were sent one by one. */
    record Done(String model, String text, int tokens, long seed) {
    }

    private final ModelRegistry models;
    private final Limits limits;

    GenerateEndpoint(ModelRegistry models, Limits limits) {
        this.models = models;
        this.limits = limits;
    }

    void single(Context ctx) {
        GenerateRequest request = GenerateRequest.from(JsonFields.parse(ctx.bodyAsBytes(), GenerateRequest.EXAMPLE), limits);
        GeneratorModel model = models.find(request.model(), GeneratorModel.class, "generator");
        List<String> pieces = new ArrayList<>();
        model.generate(request.prompt(), request.condition(), request.params(), pieces::add);
        Responses.ok(ctx, new Response(model.name(), request.prompt(), String.join("", pieces), pieces, request.params().seed()));
    }

    /** GET with a query string (what a browser's EventSource sends) or POST with a JSON body. */
    void stream(Context ctx) {
        RequestFields fields = ctx.method().name().equals("GET")
                ? new QueryFields(ctx.queryParamMap())
                : JsonFields.parse(ctx.bodyAsBytes(), GenerateRequest.EXAMPLE);
        GenerateRequest request = GenerateRequest.from(fields, limits);
        GeneratorModel model = models.find(request.model(), GeneratorModel.class, "generator");
        EventStream events = new EventStream(ctx);
        StringBuilder text = new StringBuilder();
        int[] count = {0};
        try {
            model.generate(request.prompt(), request.condition(), request.params(), piece -> {
                text.append(piece);
                count[0]++;
                events.send("token", new Token(piece));
            });
            events.send("done", new Done(model.name(), text.toString(), count[0], request.params().seed()));
        } catch (UncheckedIOException e) {
            // The client closed the stream: generation stopped at its next token and the copy is free again.
            LOG.debug("generation stream closed by the client after {} tokens", count[0]);
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;   // nothing sent yet: the ordinary JSON error response
            }
            LOG.error("generation failed after {} tokens", count[0], e);
            ErrorBody error = e instanceof ApiError api ? api.body()
                    : new ErrorBody("internal", "generation failed after " + count[0] + " tokens; the server log has the details", null);
            sendQuietly(events, error);
        }
    }

    private static void sendQuietly(EventStream events, ErrorBody error) {
        try {
            events.send("error", error);
        } catch (UncheckedIOException gone) {
            LOG.debug("client gone before the error event");
        }
    }
}
