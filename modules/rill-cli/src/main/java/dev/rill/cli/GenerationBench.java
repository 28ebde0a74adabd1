package dev.rill.cli;

import dev.rill.config.RillConfig;
import dev.rill.engine.ModelBundle;
import dev.rill.engine.RunDirectory;
import dev.rill.engine.TrainedLanguageModel;
import dev.rill.generate.Sampler;
import dev.rill.generate.TextGenerator;
import dev.rill.io.AtomicFiles;
import dev.rill.engine.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Trains language-model configs (networks and count baselines) one after the other and writes a
 * Markdown report: held-out nats and bits per token, epochs, training time and tokens/s, and a
 * sample from each model, with the machine, date and command.
 */
@Command(name = "generation", description = "Train language-model configs; report val nats/token, training time, tokens/s"
        + " and a sample of each.")
final class GenerationBench implements Callable<Integer> {

    @ParentCommand
    BenchCommand parent;

    @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "Configs to train, e.g. configs/charlm-shakespeare.yaml.")
    List<Path> configs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override applied to every config.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/benchmarks/generation.md")
    Path report;

    @Option(names = "--runs", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).", defaultValue = "runs/bench")
    Path runs;

    @Option(names = "--from-runs", description = "Report the runs `rill train` already made from these configs (each in its"
            + " output.dir) instead of training them, e.g. two configs trained side by side on one core each.")
    boolean fromRuns;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt of the samples (default: ${DEFAULT-VALUE}; \\n is a line break).",
            defaultValue = "ROMEO:")
    String prompt;

    @Option(names = "--sample-length", paramLabel = "N", description = "Tokens per sample (default: ${DEFAULT-VALUE}).", defaultValue = "300")
    int sampleLength;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default: ${DEFAULT-VALUE}).", defaultValue = "0.8")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the samples (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        Main main = parent.main;
        List<String> rows = new ArrayList<>();
        StringBuilder samples = new StringBuilder();
        String promptText = GenerateCommand.unescape(prompt);
        for (Path configFile : configs) {
            RillConfig cfg = Corpora.configLoader().load(configFile, overrides).config();
            if (cfg.task() != dev.rill.config.TaskType.LANGUAGE_MODEL) {
                throw new UsageException(configFile + " is a task: " + cfg.task().yamlName()
                        + " config; bench generation trains language models (bench conditioned judges generators)");
            }
            String name = configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            // Both ways the row comes from the run folder that `rill train` writes, so they report the same figures.
            RunDirectory run = new RunDirectory(fromRuns ? Path.of(cfg.output().dir()) : runs.resolve(name));
            if (!fromRuns) {
                TrainCommand.run(main, cfg, run.dir());
            }
            Path bundle = run.file(RunDirectory.BUNDLE);
            Path metricsFile = run.file(RunDirectory.METRICS);
            if (!Files.isRegularFile(bundle) || !Files.isRegularFile(metricsFile)) {
                throw new UsageException("no finished run of " + configFile + " in " + run.dir() + " (no model.rill and metrics.json);"
                        + " train it first: bin/rill train " + configFile);
            }
            rows.add(row(name, cfg, Json.readMap(Files.readAllBytes(metricsFile))));
            samples.append("### ").append(name).append("\n\n```\n").append(sample(bundle, promptText)).append("\n```\n\n");
        }
        String table = String.join("\n", List.of(
                "| config | model | split | nats/token | bits/token | epochs | train s | tokens/s |",
                "|---|---|---|---|---|---|---|---|")) + "\n" + String.join("\n", rows) + "\n";
        main.out.print(table);
        String command = "bin/rill bench generation " + (fromRuns ? "--from-runs " : "")
                + String.join(" ", configs.stream().map(Path::toString).toList())
                + overrides.stream().map(o -> " --set " + o).reduce("", String::concat);
        String sampling = String.format(Locale.ROOT, "Samples: prompt `%s`, %d tokens, temperature %s, seed %d"
                + " (`bin/rill generate BUNDLE --prompt ... --length %d --temperature %s --seed %d`).%n%n",
                prompt, sampleLength, temperature, seed, sampleLength, temperature, seed);
        AtomicFiles.writeString(report, "# Language-model benchmark\n\n" + Machine.describe(command) + "\n" + table + "\n" + sampling + samples
                + BenchCommand.AccuracyBench.keptNotes(report));
        main.err.println("wrote " + report);
        return 0;
    }

    private String sample(Path bundle, String promptText) throws java.io.IOException {
        TrainedLanguageModel model = new TrainedLanguageModel(ModelBundle.read(bundle));
        TrainedLanguageModel.Prompt input = model.prompt(promptText);
        Sampler sampler = new Sampler(temperature, 0, 1.0, model.bannedIds());
        int[] ids = TextGenerator.generate(model.stepper(input), input.ids(), new TextGenerator.Settings(sampleLength, sampler, seed, Set.of()),
                id -> { });
        StringBuilder text = new StringBuilder(promptText);
        int previous = input.ids()[input.ids().length - 1];
        for (int id : ids) {
            text.append(model.display(previous, id));
            previous = id;
        }
        return text.toString().replace("```", "'''");
    }

    /** A table row from a run's {@code metrics.json}: the held-out split's scores (val, else dev) and the training figures. */
    private static String row(String name, RillConfig cfg, Map<String, Object> metrics) {
        String split = metrics.containsKey("val") ? "val" : "dev";
        Map<?, ?> held = metrics.get(split) instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> training = (Map<?, ?>) metrics.get("training");
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d (best %s) | %.0f | %.0f |", name, modelOf(cfg), split,
                number(held, "nats_per_token"), number(held, "bits_per_token"), ((List<?>) training.get("epochs")).size(),
                training.get("best_epoch"), ((Number) training.get("seconds")).doubleValue(),
                ((Number) training.get("tokens_per_s")).doubleValue());
    }

    private static String modelOf(RillConfig cfg) {
        var model = cfg.model();
        return switch (model.type()) {
            case MARKOV -> "markov, add-" + model.smoothing();
            case NGRAM -> "ngram, order " + model.order();
            case RNN -> String.join(" + ", model.layers().stream().map(l -> l.cell().yamlName() + " " + l.units()).toList())
                    + (cfg.training().tbptt() > 0 ? ", tbptt " + cfg.training().tbptt() + " in " + cfg.training().sequenceLength()
                    : ", windows of " + cfg.training().sequenceLength());
        };
    }

    private static String number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "-";
    }
}
