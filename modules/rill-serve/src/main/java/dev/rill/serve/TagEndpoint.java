package dev.rill.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.List;

/** {@code POST /api/tag}: the text's sentences, each as tokens with one tag per token. */
final class TagEndpoint implements Handler {

    record Response(String model, List<TaggerModel.TaggedSentence> sentences) {
    }

    private final ModelRegistry models;
    private final Limits limits;

    TagEndpoint(ModelRegistry models, Limits limits) {
        this.models = models;
        this.limits = limits;
    }

    @Override
    public void handle(Context ctx) {
        TagRequest request = TagRequest.from(JsonFields.parse(ctx.bodyAsBytes(), TagRequest.EXAMPLE), limits);
        TaggerModel model = models.find(request.model(), TaggerModel.class, "tagger");
        Responses.ok(ctx, new Response(model.name(), model.tag(request.text())));
    }
}
