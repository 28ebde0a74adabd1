package dev.rill.serve;

import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/classify}: {@code {"model": NAME, "texts": [TEXT, ...]}}.
 *
 * @param model a served classifier's name, or {@code null} when only one classifier is served
 * @param texts 1 to {@link Limits#maxTexts()} non-blank texts
 */
record ClassifyRequest(String model, List<String> texts) {

    static final String EXAMPLE = "{\"model\": \"sst2\", \"texts\": [\"a gorgeous, witty, seductive movie.\"]}";
    private static final Set<String> FIELDS = Set.of("model", "texts");

    ClassifyRequest {
        texts = List.copyOf(texts);
    }

    static ClassifyRequest from(RequestFields f, Limits limits) {
        f.allowOnly(FIELDS, EXAMPLE);
        String model = f.string("model");
        List<String> texts = f.strings("texts");
        if (texts == null) {
            throw RequestFields.missing("texts", "an array of 1 to " + limits.maxTexts() + " texts, e.g. " + EXAMPLE);
        }
        if (texts.isEmpty()) {
            throw ApiError.badRequest("invalid_value", "texts", "texts is empty; send 1 to " + limits.maxTexts() + " texts");
        }
        if (texts.size() > limits.maxTexts()) {
            throw ApiError.badRequest("over_limit", "texts", "texts has " + texts.size() + " texts; at most " + limits.maxTexts()
                    + " are taken per request (send several requests, or start the server with a larger --max-texts)");
        }
        for (int i = 0; i < texts.size(); i++) {
            TextChecks.words("texts[" + i + "]", texts.get(i), limits);
        }
        return new ClassifyRequest(model, texts);
    }
}
