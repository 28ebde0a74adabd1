package dev.rill.cli;

import dev.rill.engine.Json;
import dev.rill.engine.ModelBundle;
import dev.rill.engine.TaskMetrics;
import dev.rill.engine.TrainedClassifier;
import dev.rill.engine.TrainedLanguageModel;
import dev.rill.engine.TrainedTagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", description = "Score a bundle on a split of its corpus.")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "BUNDLE", description = "A model.rill file.")
    Path bundle;

    @Option(names = "--split", paramLabel = "S", description = "Split to score (default: ${DEFAULT-VALUE}).", defaultValue = "test")
    String split;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelBundle read = ModelBundle.read(bundle);
        TaskMetrics m = switch (read.config().task()) {
            case TAGGING -> new TrainedTagger(read).evaluate(split, Corpora.store(null));
            case LANGUAGE_MODEL, CONDITIONED_GENERATION -> new TrainedLanguageModel(read).evaluate(split, Corpora.store(null));
            default -> new TrainedClassifier(read).evaluate(split, Corpora.store(null));
        };
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("split", split);
            o.putAll(m.toMap());
            main.out.println(Json.compact(o));
        } else {
            main.out.print(split + ": " + m.format());
        }
        return 0;
    }
}
