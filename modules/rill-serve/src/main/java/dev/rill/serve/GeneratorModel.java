package dev.rill.serve;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A served generator: each request generates with a {@link Generator} no other request holds meanwhile. */
public final class GeneratorModel implements ServedModel {

    private final ModelInfo info;
    private final CopyPool<Generator> copies;

    /** @param factory makes one generator per concurrent request (each with its own network and recurrent state) */
    public GeneratorModel(ModelInfo info, Supplier<Generator> factory, int copies, Duration wait) {
        this.info = info;
        this.copies = new CopyPool<>("model '" + info.name() + "'", factory, copies, wait);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String kind() {
        return "generator";
    }

    @Override
    public String endpoint() {
        return "POST /api/generate";
    }

    /**
     * Generates, handing each token to {@code onToken} as it comes.
     *
     * @param condition the label a conditioned generator writes for (required for one, refused by a language model)
     * @throws ApiError 400 when the condition is missing, unknown or not wanted, before a network copy is taken
     */
    public void generate(String prompt, String condition, GenerationParams params, Consumer<String> onToken) {
        java.util.List<String> labels = info.conditions();
        if (labels.isEmpty() && condition != null) {
            throw ApiError.badRequest("invalid_value", "condition", "model '" + info.name() + "' is a language model and"
                    + " takes no condition; leave 'condition' out, or name a conditioned_generation model");
        }
        if (!labels.isEmpty() && condition == null) {
            throw ApiError.badRequest("missing_field", "condition", "model '" + info.name() + "' writes for a condition:"
                    + " add \"condition\" with one of " + labels);
        }
        if (labels.isEmpty() && params.guidance() > 0) {
            throw ApiError.badRequest("invalid_value", "guidance", "model '" + info.name() + "' is a language model; guidance steers"
                    + " a conditioned_generation model towards its condition. Leave 'guidance' out or set it to 0");
        }
        if (condition != null && !labels.contains(condition)) {
            throw ApiError.badRequest("invalid_value", "condition", "unknown condition '" + condition + "' for model '"
                    + info.name() + "'; its conditions are " + labels);
        }
        copies.use(g -> {
            g.generate(prompt, condition, params, onToken);
            return null;
        });
    }
}
