package dev.rill.serve;

import java.util.Set;

/**
 * {@code POST /api/tag}: {@code {"model": NAME, "text": TEXT}}; the text is tokenized and split
 * into sentences as {@code rill tag} does.
 *
 * @param model a served tagger's name, or {@code null} when only one tagger is served
 * @param text  raw text, not blank, at most {@link Limits#maxTextChars()} characters
 */
record TagRequest(String model, String text) {

    static final String EXAMPLE = "{\"model\": \"pos\", \"text\": \"I don't like Mondays.\"}";
    private static final Set<String> FIELDS = Set.of("model", "text");

    static TagRequest from(RequestFields f, Limits limits) {
        f.allowOnly(FIELDS, EXAMPLE);
        String model = f.string("model");
        String text = f.string("text");
        if (text == null) {
            throw RequestFields.missing("text", "the raw text to tag, e.g. " + EXAMPLE);
        }
        return new TagRequest(model, TextChecks.words("text", text, limits));
    }
}
