package dev.rill.serve;

import java.util.function.Consumer;

/**
 * A model that continues text: what {@code /api/generate} serves. The language-model bundles of
 * {@code task: language_model} get one; until then tests serve a fake, and everything around it
 * (validation, streaming, pooling) is the same code.
 *
 * <p>An instance is used by one request at a time: the server pools instances made by a
 * {@code Supplier<Generator>} ({@link GeneratorModel}), so an implementation may keep recurrent state
 * in its network between steps ({@code rnnTimeStep}). It must start each call from a clean state.
 */
@FunctionalInterface
public interface Generator {

    /**
     * Continues {@code prompt} for {@code params.length()} tokens, handing each token to
     * {@code onToken} as soon as it is sampled.
     *
     * @param onToken receives each token as the text to append to what came before (a word-level model
     *                includes the space in front of a word, a character-level one passes single
     *                characters), so the generated text is all pieces concatenated. It throws when the
     *                client has gone away; let that end the generation.
     */
    void generate(String prompt, GenerationParams params, Consumer<String> onToken);

    /**
     * Generates for a condition (a {@code task: conditioned_generation} model's label). Only conditioned generators
     * override this; the server checks the condition against the model's conditions first.
     *
     * @param condition the label to write for, or {@code null} for a language model
     */
    default void generate(String prompt, String condition, GenerationParams params, Consumer<String> onToken) {
        if (condition != null) {
            throw new IllegalArgumentException("this generator takes no condition");
        }
        generate(prompt, params, onToken);
    }
}
