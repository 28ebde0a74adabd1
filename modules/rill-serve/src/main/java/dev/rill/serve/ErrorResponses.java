package dev.rill.serve;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Every error the app can meet becomes a JSON {@link ErrorBody}: refused requests ({@link ApiError}),
 * Javalin's own (404 no such path, 405 wrong method, 413 body too large) and anything unexpected (500,
 * logged with its stack trace, which the client never sees).
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    static final String ENDPOINTS = "GET /api/models, POST /api/classify, POST /api/tag, POST /api/generate,"
            + " GET|POST /api/generate/stream, GET /health, GET /openapi.json, and the demo page at /";

    private final Limits limits;

    ErrorResponses(Limits limits) {
        this.limits = limits;
    }

    void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> Responses.json(ctx, e.status(), e.body()));
        routes.exception(HttpResponseException.class, this::javalinError);
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
            Responses.json(ctx, 500, new ErrorBody("internal", "the server failed on this request; its log has the details", null));
        });
    }

    private void javalinError(HttpResponseException e, Context ctx) {
        String where = ctx.method().name() + " " + ctx.path();
        ErrorBody body = switch (e.getStatus()) {
            case 404 -> new ErrorBody("not_found", "nothing at " + where + "; this server has " + ENDPOINTS, null);
            case 405 -> new ErrorBody("method_not_allowed", where + " is not allowed; " + ctx.path() + " takes "
                    + allowed(e) + " (see /openapi.json)", null);
            case 413 -> new ErrorBody("too_large", "the request body is over " + limits.maxBodyBytes()
                    + " bytes; send fewer or shorter texts, or start the server with a larger --max-body-bytes", null);
            default -> new ErrorBody(e.getMessage() == null ? "http_" + e.getStatus()
                    : e.getMessage().toLowerCase(Locale.ROOT).replace(' ', '_'), e.getMessage(), null);
        };
        if (e.getStatus() == 405) {
            ctx.header("Allow", allowed(e));
        }
        Responses.json(ctx, e.getStatus(), body);
    }

    /** Javalin lists the methods a path takes in the 405's details. */
    private static String allowed(HttpResponseException e) {
        return String.join(", ", e.getDetails().values()).replaceAll("[\\[\\]]", "");
    }
}
