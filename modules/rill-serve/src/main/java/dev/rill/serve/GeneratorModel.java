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

    /** Generates, handing each token to {@code onToken} as it comes. */
    public void generate(String prompt, GenerationParams params, Consumer<String> onToken) {
        copies.use(g -> {
            g.generate(prompt, params, onToken);
            return null;
        });
    }
}
