package dev.rill.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run directories as the training run writes them (the run-directory contract in
 * docs/architecture.md): metrics.jsonl lines, metrics.json split maps in the shape of
 * ClassificationMetrics/TaggingMetrics.toMap, and resolved.yaml in ConfigWriter's layout.
 */
final class RunFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private RunFixtures() {
    }

    /** A classifier over three labels: 3 epochs, 4 logged steps each, best dev epoch 2, dev and test scored. */
    static Path classifier(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resolved.yaml"), """
                task: classification
                data:
                  corpus: sst2
                  format: label_text_tsv
                  splits:
                    train: train.tsv
                    dev: dev.tsv
                    test: test.tsv
                  tokenizer: corenlp
                  lowercase: true
                  limit: 2000
                model:
                  embedding: 64
                  layers:
                  - cell: lstm
                    units: 64
                    bidirectional: false
                    dropout: 0.3
                  pooling: last
                training:
                  epochs: 3
                  batch_size: 32
                  optimizer:
                    type: adam
                    learning_rate: 0.002
                  seed: 42
                output:
                  dir: runs/x
                """);
        List<String> lines = new ArrayList<>();
        double[] dev = {0.71, 0.853, 0.84};
        double[] lr = {0.002, 0.002, 0.001};
        int step = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                step++;
                double loss = 1.0 / (1 + 0.3 * step);
                sum += loss;
                lines.add(json(map("kind", "step", "epoch", epoch, "step", step, "examples", step * 32, "tokens", step * 700,
                        "loss", loss, "lr", lr[epoch - 1], "tokens_per_s", 5000.0, "seconds", step * 1.5)));
            }
            lines.add(json(map("kind", "epoch", "epoch", epoch, "train_loss", sum / 4, "dev_metric", "accuracy",
                    "dev_score", dev[epoch - 1], "lr", lr[epoch - 1], "seconds", 6.25, "tokens_per_s", 5100.0)));
        }
        lines.add(json(map("kind", "final", "best_epoch", 2, "stopped_early", false)));
        Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
        List<String> labels = List.of("negative", "neutral", "positive");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", classifierSplit(labels, new long[][] {{300, 20, 10}, {30, 90, 30}, {15, 25, 352}}, "per_class", "labels"));
        metrics.put("test", classifierSplit(labels, new long[][] {{412, 31, 17}, {40, 101, 29}, {22, 27, 509}}, "per_class", "labels"));
        metrics.put("training", map("best_epoch", 2, "seconds", 18.75, "examples_per_s", 410.0, "tokens_per_s", 5100.0));
        Files.write(dir.resolve("metrics.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metrics));
        return dir;
    }

    /** A tagger whose tag set holds characters that must be escaped in HTML; test split only, with entity scores. */
    static Path tagger(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resolved.yaml"), "task: tagging\ndata:\n  dir: data\n  format: conllu\ntraining:\n  epochs: 2\n");
        List<String> lines = new ArrayList<>();
        lines.add(json(map("kind", "step", "epoch", 1, "step", 1, "loss", 2.1)));
        lines.add(json(map("kind", "step", "epoch", 1, "step", 2, "loss", 1.4)));
        lines.add(json(map("kind", "epoch", "epoch", 1, "train_loss", 1.7, "dev_metric", "accuracy", "dev_score", 0.62)));
        lines.add(json(map("kind", "step", "epoch", 2, "step", 3, "loss", 0.9)));
        lines.add(json(map("kind", "step", "epoch", 2, "step", 4, "loss", 0.7)));
        lines.add(json(map("kind", "epoch", "epoch", 2, "train_loss", 0.8, "dev_metric", "accuracy", "dev_score", 0.74)));
        lines.add(json(map("kind", "final", "best_epoch", 2, "stopped_early", false)));
        Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
        List<String> tags = List.of("O", "B-PER", "I-PER", "<X&Y>");
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("tokens", 1000);
        test.put("accuracy", 0.912);
        test.put("oov_tokens", 50);
        test.put("oov_accuracy", 0.64);
        test.put("entities", map("precision", 0.7, "recall", 0.6, "f1", 0.6462, "gold_spans", 40, "predicted_spans", 34, "correct_spans", 24));
        Map<String, Object> scored = classifierSplit(tags, new long[][] {{800, 5, 3, 2}, {6, 30, 4, 0}, {4, 3, 33, 0}, {10, 1, 0, 99}}, "per_tag", "tags");
        test.put("macro_f1", scored.get("macro_f1"));
        test.put("per_tag", scored.get("per_tag"));
        test.put("tags", scored.get("tags"));
        test.put("confusion", scored.get("confusion"));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test", test);
        metrics.put("training", map("best_epoch", 2));
        Files.write(dir.resolve("metrics.json"), JSON.writeValueAsBytes(metrics));
        return dir;
    }

    /** A language model: dev perplexity per epoch and samples whose text looks like markup. */
    static Path languageModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resolved.yaml"), "task: language_model\ndata:\n  dir: text\ntraining:\n  epochs: 2\n");
        double[] nats = {2.3, 1.9};
        List<String> lines = new ArrayList<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            lines.add(json(map("kind", "step", "epoch", epoch, "step", epoch, "loss", nats[epoch - 1] + 0.2)));
            lines.add(json(map("kind", "epoch", "epoch", epoch, "train_loss", nats[epoch - 1] + 0.1, "dev_metric", "nats_per_token",
                    "dev_score", -nats[epoch - 1], "dev_nats_per_token", nats[epoch - 1], "dev_perplexity", Math.exp(nats[epoch - 1]),
                    "lr", 0.01, "samples", List.of("the cat <script>alert('x')</script> & sat", "epoch " + epoch + " text"))));
        }
        lines.add(json(map("kind", "final", "best_epoch", 2, "stopped_early", false)));
        Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", map("nats_per_token", 1.9, "bits_per_token", 1.9 / Math.log(2), "perplexity", Math.exp(1.9), "tokens", 5000));
        metrics.put("test", map("nats_per_token", 1.95, "bits_per_token", 1.95 / Math.log(2), "perplexity", Math.exp(1.95), "tokens", 5200));
        Files.write(dir.resolve("metrics.json"), JSON.writeValueAsBytes(metrics));
        return dir;
    }

    /** The split map ClassificationMetrics.toMap writes, computed from a confusion matrix. */
    static Map<String, Object> classifierSplit(List<String> labels, long[][] confusion, String perKey, String labelsKey) {
        int n = labels.size();
        long total = 0;
        long correct = 0;
        double f1Sum = 0;
        Map<String, Object> per = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            long gold = 0;
            long predicted = 0;
            for (int j = 0; j < n; j++) {
                gold += confusion[k][j];
                predicted += confusion[j][k];
                total += confusion[k][j];
            }
            correct += confusion[k][k];
            double p = predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
            double r = gold == 0 ? 0 : (double) confusion[k][k] / gold;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            f1Sum += f1;
            per.put(labels.get(k), map("precision", p, "recall", r, "f1", f1, "support", gold));
        }
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : confusion) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", total);
        m.put("accuracy", (double) correct / total);
        m.put("macro_f1", f1Sum / n);
        m.put(perKey, per);
        m.put(labelsKey, labels);
        m.put("confusion", rows);
        return m;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
