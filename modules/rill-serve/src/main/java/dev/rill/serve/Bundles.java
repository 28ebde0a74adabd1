package dev.rill.serve;

import dev.rill.engine.ModelBundle;
import dev.rill.engine.TrainedClassifier;
import dev.rill.engine.TrainedLanguageModel;
import dev.rill.engine.TrainedTagger;
import dev.rill.engine.TrainingRun;
import dev.rill.text.DataException;

import java.io.IOException;
import java.nio.file.Path;

/** Bundle files to served models: the one place that knows which task is served by which model class. */
public final class Bundles {

    private Bundles() {
    }

    /**
     * Loads a bundle to serve under {@code name}.
     *
     * @throws DataException when the file is not a bundle, or holds a task this build cannot serve
     */
    public static ServedModel load(Path file, String name, ServeSettings settings) throws IOException {
        ModelBundle bundle = ModelBundle.read(file);
        return switch (bundle.config().task()) {
            case CLASSIFICATION -> new ClassifierModel(name, new TrainedClassifier(bundle), settings.copies(), settings.waitForCopy());
            case TAGGING -> new TaggerModel(name, new TrainedTagger(bundle), settings.copies(), settings.waitForCopy());
            case LANGUAGE_MODEL, CONDITIONED_GENERATION -> {
                TrainedLanguageModel model = new TrainedLanguageModel(bundle);
                yield new GeneratorModel(ModelInfo.of(name, bundle), () -> new LanguageModelGenerator(model), settings.copies(),
                        settings.waitForCopy());
            }
        };
    }

    /**
     * The name a bundle is served under unless {@code --name} gives one: the file name without
     * {@code .rill}, or for the {@code model.rill} every run writes, its run folder's name
     * ({@code runs/sentiment-sst2/model.rill} is {@code sentiment-sst2}).
     */
    public static String defaultName(Path file) {
        Path fileName = file.getFileName();
        String stem = fileName.toString().endsWith(".rill")
                ? fileName.toString().substring(0, fileName.toString().length() - ".rill".length()) : fileName.toString();
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (fileName.toString().equals(TrainingRun.BUNDLE) && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return stem;
    }
}
