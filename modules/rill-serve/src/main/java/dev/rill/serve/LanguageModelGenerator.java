package dev.rill.serve;

import dev.rill.engine.TrainedLanguageModel;
import dev.rill.generate.Sampler;
import dev.rill.generate.TextGenerator;

import java.util.function.Consumer;

/**
 * Serves a {@code task: language_model} or {@code task: conditioned_generation} bundle: reads the
 * condition token (if any) and the prompt once, then samples token by token through {@code rnnTimeStep},
 * exactly as {@code rill generate} does.
 *
 * <p>Each call takes a fresh stepper ({@link TrainedLanguageModel#stepper(TrainedLanguageModel.Prompt, double)}: its own
 * network copy, one per label with guidance),
 * so a generation always starts from a clean recurrent state and never shares it with another.
 */
final class LanguageModelGenerator implements Generator {

    private final TrainedLanguageModel model;

    LanguageModelGenerator(TrainedLanguageModel model) {
        this.model = model;
    }

    @Override
    public void generate(String prompt, GenerationParams params, Consumer<String> onToken) {
        generate(prompt, null, params, onToken);
    }

    @Override
    public void generate(String prompt, String condition, GenerationParams params, Consumer<String> onToken) {
        TrainedLanguageModel.Prompt input = model.prompt(prompt, condition);
        Sampler sampler = (params.temperature() == 0 ? Sampler.greedy()
                : new Sampler(params.temperature(), params.topK(), params.topP(), java.util.Set.of()))
                .banning(model.bannedIds().stream().mapToInt(Integer::intValue).toArray());
        TextGenerator.Settings settings = new TextGenerator.Settings(params.length(), sampler, params.seed(), model.stopIds());
        int[] previous = {input.start() ? -1 : input.ids()[input.ids().length - 1]};
        TextGenerator.generate(model.stepper(input, params.guidance()), input.ids(), settings, id -> {
            onToken.accept(model.display(previous[0], id));
            previous[0] = id;
        });
    }
}
