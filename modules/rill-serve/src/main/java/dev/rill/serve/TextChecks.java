package dev.rill.serve;

/** Checks on the texts a request carries, against {@link Limits}. */
final class TextChecks {

    private TextChecks() {
    }

    /** A text to classify or tag: some words, at most {@code maxTextChars} characters. */
    static String words(String field, String text, Limits limits) {
        if (text.isBlank()) {
            throw ApiError.badRequest("invalid_value", field, field + " is empty; send some words");
        }
        return withinLength(field, text, limits);
    }

    /** Any text up to {@code maxTextChars} characters (a prompt may be empty). */
    static String withinLength(String field, String text, Limits limits) {
        int chars = text.codePointCount(0, text.length());
        if (chars > limits.maxTextChars()) {
            throw ApiError.badRequest("over_limit", field, field + " has " + chars + " characters; at most "
                    + limits.maxTextChars() + " are taken (shorten it, or start the server with a larger --max-text-chars)");
        }
        return text;
    }
}
