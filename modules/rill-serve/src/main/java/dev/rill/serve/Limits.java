package dev.rill.serve;

/**
 * What one request may ask of the server. A request over a limit is refused before any model runs
 * (413 for the body, 400 {@code over_limit} for the rest), with a message naming the limit and the
 * {@code rill serve} option that raises it.
 *
 * @param maxBodyBytes      bytes in a request body ({@code --max-body-bytes})
 * @param maxTexts          texts in one classify request ({@code --max-texts})
 * @param maxTextChars      characters (code points) in one text, tagging text or prompt ({@code --max-text-chars})
 * @param maxGenerateLength tokens one generate request may ask for ({@code --max-generate-length})
 */
public record Limits(int maxBodyBytes, int maxTexts, int maxTextChars, int maxGenerateLength) {

    /**
     * Room for a full batch of long reviews (64 texts of a few thousand characters fit in 256 KiB) while
     * one request still cannot hold a model copy for long: a 64-text batch is one or two forward passes.
     */
    public static final Limits DEFAULTS = new Limits(Defaults.BODY_BYTES, Defaults.TEXTS, Defaults.TEXT_CHARS, Defaults.GENERATE_LENGTH);

    /** The default of each limit as a constant, for option declarations. */
    public static final class Defaults {
        public static final int BODY_BYTES = 256 * 1024;
        public static final int TEXTS = 64;
        public static final int TEXT_CHARS = 10_000;
        public static final int GENERATE_LENGTH = 500;

        private Defaults() {
        }
    }

    public Limits {
        atLeastOne("--max-body-bytes", maxBodyBytes);
        atLeastOne("--max-texts", maxTexts);
        atLeastOne("--max-text-chars", maxTextChars);
        atLeastOne("--max-generate-length", maxGenerateLength);
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }
}
