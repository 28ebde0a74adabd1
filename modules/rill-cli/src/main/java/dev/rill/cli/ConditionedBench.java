package dev.rill.cli;

import dev.rill.engine.ModelBundle;
import dev.rill.engine.TrainedClassifier;
import dev.rill.engine.TrainedLanguageModel;
import dev.rill.generate.GuidedStepper;
import dev.rill.generate.Sampler;
import dev.rill.generate.TextGenerator;
import dev.rill.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/**
 * Does a conditioned generator write what it is asked for? Generates texts for every label and has
 * a classifier trained on the same labels (e.g. the SST-2 sentiment model) judge them: the share
 * it assigns to the conditioning label. Also reports the generator's held-out nats per token with
 * and without the condition, from its bundle's metrics.
 */
@Command(name = "conditioned", description = "Generate texts per label with a conditioned_generation bundle and classify them"
        + " with a classifier bundle; report the share classified as their condition.")
final class ConditionedBench implements Callable<Integer> {

    @ParentCommand
    BenchCommand parent;

    @Option(names = "--generator", paramLabel = "BUNDLE", required = true, description = "A task: conditioned_generation bundle.")
    Path generator;

    @Option(names = "--classifier", paramLabel = "BUNDLE", required = true, description = "A task: classification bundle with the same labels.")
    Path classifier;

    @Option(names = "--per-label", paramLabel = "N", description = "Texts generated per label (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int perLabel;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default: ${DEFAULT-VALUE}).", defaultValue = "0.8")
    double temperature;

    @Option(names = "--guidance", paramLabel = "G", split = ",", description = "Guidance towards the condition (see rill generate);"
            + " several, comma-separated, give a row each (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    List<Double> guidance;

    @Option(names = "--length", paramLabel = "N", description = "Most tokens per text (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    int length;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the first text; text i uses seed + i (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/benchmarks/conditioned.md")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (perLabel < 1) {
            throw new UsageException("--per-label must be >= 1, got " + perLabel);
        }
        Main main = parent.main;
        TrainedLanguageModel model = new TrainedLanguageModel(ModelBundle.read(generator));
        TrainedClassifier judge = new TrainedClassifier(ModelBundle.read(classifier));
        if (model.conditions().isEmpty()) {
            throw new UsageException("--generator must be a task: conditioned_generation bundle");
        }
        Sampler sampler;
        try {
            sampler = new Sampler(temperature, 0, 1.0, model.bannedIds());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            guidance.forEach(GuidedStepper::requireGuidance);   // every value, before any text is generated
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        List<String> labels = model.conditions();
        StringBuilder table = new StringBuilder("| guidance | " + labels.stream().map(l -> "condition " + l).collect(Collectors.joining(" | "))
                + " | all | words per text | distinct bigrams |\n|---|" + "---|".repeat(labels.size() + 3) + "\n");
        main.out.print(table);
        StringBuilder examples = new StringBuilder();
        for (double g : guidance) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s |", g));
            int agreeing = 0;
            List<String> all = new ArrayList<>();
            for (String label : labels) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < perLabel; i++) {
                    texts.add(generate(model, label, sampler, g, seed + i));
                }
                all.addAll(texts);
                long same = judge.predict(texts).stream().filter(p -> p.label().equals(label)).count();
                agreeing += (int) same;
                row.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * same / perLabel));
                examples.append("- guidance ").append(g).append(", `").append(label).append("`: ")
                        .append(String.join(" / ", texts.subList(0, Math.min(3, texts.size())))).append('\n');
            }
            row.append(String.format(Locale.ROOT, " %.1f%% | %.1f | %.1f%% |%n", 100.0 * agreeing / (perLabel * labels.size()),
                    all.stream().mapToInt(t -> words(t).length).average().orElse(0), 100 * distinctBigrams(all)));
            main.out.print(row);
            main.out.flush();
            table.append(row);
        }
        String command = String.format(Locale.ROOT, "bin/rill bench conditioned --generator %s --classifier %s --per-label %d"
                + " --temperature %s --guidance %s --length %d --seed %d", generator, classifier, perLabel, temperature,
                guidance.stream().map(String::valueOf).collect(Collectors.joining(",")), length, seed);
        String heading = String.format(Locale.ROOT, "Share of the %d texts per condition (temperature %s) that the classifier assigns"
                + " to the condition; words per text and distinct bigrams (distinct-2, a measure of variety) over all of a row's"
                + " texts:%n%n", perLabel, temperature);
        AtomicFiles.writeString(report, "# Conditioned generation\n\n" + Machine.describe(command) + "\n" + heading + table + "\n"
                + heldOut(model.bundle().metrics()) + "\nFirst texts per condition:\n\n" + examples
                + BenchCommand.AccuracyBench.keptNotes(report));
        main.err.println("wrote " + report);
        return 0;
    }

    private String generate(TrainedLanguageModel model, String label, Sampler sampler, double g, long textSeed) {
        TrainedLanguageModel.Prompt prompt = model.prompt("", label);
        int[] ids = TextGenerator.generate(model.stepper(prompt, g), prompt.ids(), new TextGenerator.Settings(length, sampler, textSeed, model.stopIds()),
                id -> { });
        StringBuilder text = new StringBuilder();
        int previous = prompt.ids()[prompt.ids().length - 1];
        for (int id : ids) {
            text.append(model.display(previous, id));
            previous = id;
        }
        return text.toString().strip();
    }

    private static String[] words(String text) {
        return text.isBlank() ? new String[0] : text.strip().split("\\s+");
    }

    /**
     * Variety: distinct word bigrams over all bigrams of the texts (distinct-2). Guidance and low temperatures buy
     * label fidelity with variety; this shows how much.
     */
    static double distinctBigrams(List<String> texts) {
        java.util.Set<String> distinct = new java.util.HashSet<>();
        long total = 0;
        for (String t : texts) {
            String[] w = words(t);
            for (int i = 1; i < w.length; i++) {
                distinct.add(w[i - 1] + ' ' + w[i]);
                total++;
            }
        }
        return total == 0 ? 0 : (double) distinct.size() / total;
    }

    /** The generator's held-out scores at the end of training, with and without the condition. */
    private static String heldOut(Map<String, Object> metrics) {
        StringBuilder b = new StringBuilder("| split | nats/token | perplexity | without condition: nats/token | perplexity | condition accuracy |\n"
                + "|---|---|---|---|---|---|\n");
        for (String split : List.of("dev", "test")) {
            if (metrics.get(split) instanceof Map<?, ?> m) {
                b.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %.4f | %.2f | %.2f%% |%n", split,
                        num(m, "nats_per_token"), num(m, "perplexity"), num(m, "unconditioned_nats_per_token"),
                        num(m, "unconditioned_perplexity"), 100 * num(m, "condition_accuracy")));
            }
        }
        return b.toString();
    }

    private static double num(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
