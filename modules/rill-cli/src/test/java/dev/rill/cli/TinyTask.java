package dev.rill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny generated classification task for training tests: one sentiment word among filler decides
 * the label; a small GRU with dropout (so ND4J's random masks are part of what must repeat).
 */
final class TinyTask {

    private static final String[] POSITIVE = {"good", "great", "fun", "lovely", "superb", "bright"};
    private static final String[] NEGATIVE = {"bad", "dull", "awful", "boring", "poor", "grim"};
    private static final String[] FILLER = {"the", "a", "film", "movie", "plot", "was", "very", "and", "story", "it"};

    private TinyTask() {
    }

    /** Writes 96 train, 24 dev and 24 test examples and a config with {@code training} as its training section; returns the config. */
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
}
