package dev.rill.serve;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /api/generate} and {@code /api/generate/stream}: {@code {"model", "prompt", "length",
 * "temperature", "top_k", "top_p", "seed", "guidance"}}, as a JSON body or (for a browser's EventSource) a query
 * string. Everything but the model has a default; a request without a seed gets a random one, which
 * the response reports so the text can be generated again.
 *
 * @param model  a served generator's name, or {@code null} when only one generator is served
 * @param prompt text the generation continues (may be empty)
 * @param condition the label a conditioned generator writes for; {@code null} for a language model
 * @param params how to sample
 */
record GenerateRequest(String model, String prompt, String condition, GenerationParams params) {

    static final String EXAMPLE = "{\"model\": \"lm\", \"prompt\": \"The king\", \"length\": 40, \"temperature\": 0.8}";
    private static final Set<String> FIELDS = Set.of("model", "prompt", "condition", "length", "temperature", "top_k", "top_p",
            "seed", "guidance");
    static final int DEFAULT_LENGTH = 100;

    static GenerateRequest from(RequestFields f, Limits limits) {
        f.allowOnly(FIELDS, EXAMPLE);
        String model = f.string("model");
        String prompt = f.string("prompt");
        prompt = TextChecks.withinLength("prompt", prompt == null ? "" : prompt, limits);
        String condition = f.string("condition");

        long length = orDefault(f.integer("length"), Math.min(DEFAULT_LENGTH, limits.maxGenerateLength()));
        if (length < 1) {
            throw ApiError.badRequest("invalid_value", "length", "length must be at least 1 (tokens to generate), got " + length);
        }
        if (length > limits.maxGenerateLength()) {
            throw ApiError.badRequest("over_limit", "length", "length is " + length + "; at most " + limits.maxGenerateLength()
                    + " tokens are generated per request (ask for fewer, or start the server with a larger --max-generate-length)");
        }
        double temperature = orDefault(f.number("temperature"), 1.0);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw ApiError.badRequest("invalid_value", "temperature", "temperature must be a finite number >= 0 (0 = greedy, 1 = the model's own"
                    + " distribution), got " + temperature);
        }
        long topK = orDefault(f.integer("top_k"), 0L);
        if (topK < 0 || topK > Integer.MAX_VALUE) {
            throw ApiError.badRequest("invalid_value", "top_k", "top_k must be >= 0 (0 = off), got " + topK);
        }
        double topP = orDefault(f.number("top_p"), 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw ApiError.badRequest("invalid_value", "top_p", "top_p must be in (0, 1] (1 = off), got " + topP);
        }
        Long seed = f.integer("seed");
        double guidance = orDefault(f.number("guidance"), 0.0);
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw ApiError.badRequest("invalid_value", "guidance", "guidance must be a finite number >= 0 (0 = off), got " + guidance);
        }
        return new GenerateRequest(model, prompt, condition, new GenerationParams((int) length, temperature, (int) topK, topP,
                seed != null ? seed : randomSeed(), guidance));
    }

    /** Below 2^53, so a browser (whose numbers are doubles) can send the seed it was given back unchanged. */
    private static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(1L << 53);
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }

    private static double orDefault(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
