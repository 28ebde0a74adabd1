package dev.rill.engine;

import dev.rill.config.ConfigLoader;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny classification runs for training tests: generated {@code label<TAB>text} splits where one
 * sentiment word among filler decides the label, and a small GRU with dropout (so ND4J's random
 * masks are part of what must repeat).
 */
final class TinyRuns {

    private static final String[] POSITIVE = {"good", "great", "fun", "lovely", "superb", "bright"};
    private static final String[] NEGATIVE = {"bad", "dull", "awful", "boring", "poor", "grim"};
    private static final String[] FILLER = {"the", "a", "film", "movie", "plot", "was", "very", "and", "story", "it"};

    private TinyRuns() {
    }

    /** Writes the splits (96 train, 24 dev, 24 test examples) and a config with {@code training} as its training section. */
    static Path config(Path dir, String training) throws IOException {
        Random r = new Random(1);
        for (Map.Entry<String, Integer> split : Map.of("train", 96, "dev", 24, "test", 24).entrySet()) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < split.getValue(); i++) {
                boolean positive = r.nextBoolean();
                List<String> words = new ArrayList<>();
                for (int w = 3 + r.nextInt(6); w > 0; w--) {
                    words.add(FILLER[r.nextInt(FILLER.length)]);
                }
                String[] cue = positive ? POSITIVE : NEGATIVE;
                words.add(r.nextInt(words.size() + 1), cue[r.nextInt(cue.length)]);
                rows.append(positive ? 1 : 0).append('\t').append(String.join(" ", words)).append('\n');
            }
            Files.writeString(dir.resolve(split.getKey() + ".tsv"), rows);
        }
        return Files.writeString(dir.resolve("c.yaml"), String.join("\n",
                "task: classification",
                "data: {dir: ., splits: {train: train.tsv, dev: dev.tsv, test: test.tsv}, tokenizer: whitespace}",
                "model: {embedding: 8, layers: [{cell: gru, units: 8, dropout: 0.2}], output_dropout: 0.2}",
                "training:",
                training.indent(2)));
    }

    static RillConfig load(Path config, String... overrides) throws Exception {
        return new ConfigLoader().load(config, List.of(overrides)).config();
    }

    /** Trains {@code config} into {@code runDir} without progress output. */
    static TrainingRun.Outcome train(RillConfig config, Path runDir) throws IOException {
        return new TrainingRun(CorpusStore.fromEnvironment(), System.err, Progress.silent()).run(config, runDir);
    }

    /** The lines of a run's metrics.jsonl as maps. */
    static List<Map<String, Object>> metricsLog(Path runDir) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(RunDirectory.METRICS_LOG))) {
            lines.add(Json.readMap(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return lines;
    }

    static List<Map<String, Object>> lines(List<Map<String, Object>> log, String kind) {
        return log.stream().filter(l -> kind.equals(l.get("kind"))).toList();
    }
}
