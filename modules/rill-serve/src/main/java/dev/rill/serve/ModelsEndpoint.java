package dev.rill.serve;

import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/** {@code GET /api/models} (what is served) and {@code GET /health} (the server answers). */
final class ModelsEndpoint {

    private final ModelRegistry models;

    ModelsEndpoint(ModelRegistry models) {
        this.models = models;
    }

    void models(Context ctx) {
        List<Map<String, Object>> infos = models.all().stream().map(m -> m.info().toJson()).toList();
        Responses.ok(ctx, Map.of("models", infos));
    }

    void health(Context ctx) {
        Responses.ok(ctx, Map.of("status", "ok", "models", models.all().size()));
    }
}
