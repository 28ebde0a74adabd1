package dev.rill.inspect;

import dev.rill.config.ConfigException;
import dev.rill.config.ConfigLoader;
import dev.rill.config.RillConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Configs for inspect tests, written as YAML so every default is the loader's. */
final class InspectConfigs {

    private InspectConfigs() {
    }

    /** A config whose data section names a corpus that is never read. */
    static RillConfig noData(String task, String model, String training) {
        String yaml = String.join("\n", "task: " + task, "data: {corpus: none, format: " + (task.equals("tagging") ? "conllu" : "label_text_tsv")
                + ", vocab_size: 10}", "model: " + model, "training: " + training, "");
        try {
            return new ConfigLoader().parse(yaml, null, List.of()).config();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.problems().toString(), e);
        }
    }

    /** A config in {@code dir} reading label<TAB>text files from it (whitespace tokens). */
    static RillConfig labelled(Path dir, String data, String model) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), String.join("\n", "task: classification",
                "data: {dir: ., tokenizer: whitespace, " + data + "}", "model: " + model, "training: {batch_size: 4, seed: 3}", ""));
        return new ConfigLoader().load(file, List.of()).config();
    }
}
