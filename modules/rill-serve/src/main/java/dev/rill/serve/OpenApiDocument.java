package dev.rill.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the API's OpenAPI 3.1 description.
 *
 * <p>Written by hand in {@code openapi.yaml} (YAML, so it can carry comments) rather than generated
 * by javalin-openapi: that plugin is an annotation processor plus a generated-code step, has no
 * release for Javalin 7 here, and six endpoints are shorter to describe than to annotate.
 * {@code ${...}} placeholders take this server's limits, so the document states the limits it
 * enforces; {@code OpenApiTest} checks every documented path answers and every route is documented.
 */
final class OpenApiDocument implements Handler {

    private final byte[] json;

    OpenApiDocument(Limits limits) {
        String yaml = new String(StaticResource.read("openapi.yaml"), StandardCharsets.UTF_8)
                .replace("${max_body_bytes}", Integer.toString(limits.maxBodyBytes()))
                .replace("${max_texts}", Integer.toString(limits.maxTexts()))
                .replace("${max_text_chars}", Integer.toString(limits.maxTextChars()))
                .replace("${max_generate_length}", Integer.toString(limits.maxGenerateLength()));
        Map<String, Object> document = new Yaml(new LoaderOptions()).load(yaml);
        this.json = Responses.bytes(document);
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType(Responses.JSON).result(json);
    }
}
