package dev.rill.serve;

import dev.rill.config.ConfigLoader;
import dev.rill.corpus.CorpusStore;
import dev.rill.engine.ModelBundle;
import dev.rill.engine.Progress;
import dev.rill.engine.TrainedClassifier;
import dev.rill.engine.TrainedTagger;
import dev.rill.engine.TrainingRun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two tiny bundles trained once per test JVM (a few seconds each), as the CLI tests train theirs:
 * a sentiment classifier on generated sentences where one cue word among filler decides the label,
 * and a tagger on a generated treebank where "run" is a NOUN after "the" and a VERB after a noun.
 */
final class TestBundles {

    static final String[] POSITIVE = {"good", "great", "fun", "lovely", "superb", "bright"};
    static final String[] NEGATIVE = {"bad", "dull", "awful", "boring", "poor", "grim"};
    private static final String[] FILLER = {"the", "a", "film", "movie", "plot", "was", "very", "and", "story", "it"};
    private static final List<String> NOUNS = List.of("dog", "cat", "bird", "run", "idea");
    private static final List<String> VERBS = List.of("sees", "likes", "run", "chases");
    private static final List<String> ADJS = List.of("big", "small", "red");

    private static Path classifier;
    private static Path tagger;
    private static Path languageModel;
    private static Path conditioned;

    private TestBundles() {
    }

    /** The classifier bundle's file (labels "0" negative, "1" positive). */
    static synchronized Path classifier() {
        if (classifier == null) {
            classifier = train("sentiment", TestBundles::writeSentiment);
        }
        return classifier;
    }

    /** The tagger bundle's file (UPOS tags DET, ADJ, NOUN, VERB, PUNCT). */
    static synchronized Path tagger() {
        if (tagger == null) {
            tagger = train("pos", TestBundles::writeTreebank);
        }
        return tagger;
    }

    /** A character GRU language model of the text "abcd" repeated: it continues any run of it. */
    static synchronized Path languageModel() {
        if (languageModel == null) {
            languageModel = train("lm", TestBundles::writeRepetitiveText);
        }
        return languageModel;
    }

    /**
     * A word-level conditioned generator (one-to-many) of two sentences: label 1 writes "a good film", label 0 "a bad
     * film", each ending at {@code <eos>}.
     */
    static synchronized Path conditionedGenerator() {
        if (conditioned == null) {
            conditioned = train("conditioned", TestBundles::writeLabelledSentences);
        }
        return conditioned;
    }

    static TrainedClassifier loadClassifier() {
        return new TrainedClassifier(read(classifier()));
    }

    static TrainedTagger loadTagger() {
        return new TrainedTagger(read(tagger()));
    }

    private static ModelBundle read(Path file) {
        try {
            return ModelBundle.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface DataWriter {
        Path write(Path dir) throws IOException;
    }

    private static Path train(String name, DataWriter data) {
        try {
            Path dir = Files.createTempDirectory("rill-serve-" + name);
            Path config = data.write(dir);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            TrainingRun run = new TrainingRun(CorpusStore.fromEnvironment(), new PrintStream(log, true, StandardCharsets.UTF_8),
                    Progress.silent());
            return run.run(new ConfigLoader().load(config, List.of()).config(), dir.resolve(name)).bundle();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.rill.config.ConfigException e) {
            throw new IllegalStateException(String.join("\n", e.problems().stream().map(Object::toString).toList()), e);
        }
    }

    private static Path writeSentiment(Path dir) throws IOException {
        Random r = new Random(1);
        for (Map.Entry<String, Integer> split : Map.of("train", 160, "dev", 40).entrySet()) {
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
        return Files.writeString(dir.resolve("sentiment.yaml"), String.join("\n",
                "task: classification",
                "data: {dir: ., splits: {train: train.tsv, dev: dev.tsv}, tokenizer: whitespace}",
                "model: {embedding: 8, layers: [{cell: gru, units: 8}]}",
                "training: {epochs: 8, batch_size: 16, optimizer: {type: adam, learning_rate: 0.03}}", ""));
    }

    private static Path writeRepetitiveText(Path dir) throws IOException {
        Files.writeString(dir.resolve("train.txt"), "abcd".repeat(600));
        Files.writeString(dir.resolve("val.txt"), "abcd".repeat(60));
        return Files.writeString(dir.resolve("lm.yaml"), String.join("\n",
                "task: language_model",
                "data: {dir: ., splits: {train: train.txt, val: val.txt}, tokenizer: char}",
                "model: {embedding: 8, layers: [{cell: gru, units: 16}]}",
                "training: {epochs: 3, batch_size: 8, sequence_length: 20, tbptt: 10, optimizer: {type: adam, learning_rate: 0.05}}", ""));
    }

    private static Path writeLabelledSentences(Path dir) throws IOException {
        String rows = "1\ta good film\n0\ta bad film\n".repeat(40);
        Files.writeString(dir.resolve("train.tsv"), rows);
        Files.writeString(dir.resolve("dev.tsv"), rows.substring(0, rows.length() / 4));
        return Files.writeString(dir.resolve("conditioned.yaml"), String.join("\n",
                "task: conditioned_generation",
                "data: {dir: ., splits: {train: train.tsv, dev: dev.tsv}, tokenizer: whitespace}",
                "model: {embedding: 8, layers: [{cell: gru, units: 16}]}",
                "training: {epochs: 10, batch_size: 8, optimizer: {type: adam, learning_rate: 0.03}}", ""));
    }

    private static Path writeTreebank(Path dir) throws IOException {
        Files.writeString(dir.resolve("train.conllu"), treebank(300, 1));
        Files.writeString(dir.resolve("dev.conllu"), treebank(60, 2));
        return Files.writeString(dir.resolve("pos.yaml"), String.join("\n",
                "task: tagging",
                "data: {dir: ., splits: {train: train.conllu, dev: dev.conllu}, lowercase: true}",
                "model: {embedding: 16, layers: [{cell: gru, units: 16, bidirectional: true}], char_cnn: {embedding: 8, filters: 8}}",
                "training: {epochs: 6, batch_size: 16, optimizer: {type: adam, learning_rate: 0.02}}", ""));
    }

    /** Sentences "the [ADJ] NOUN VERB the NOUN ." in CoNLL-U. */
    private static String treebank(int sentences, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int id = 1;
            id = word(b, id, "the", "DET");
            if (rng.nextBoolean()) {
                id = word(b, id, ADJS.get(rng.nextInt(ADJS.size())), "ADJ");
            }
            id = word(b, id, NOUNS.get(rng.nextInt(NOUNS.size())), "NOUN");
            id = word(b, id, VERBS.get(rng.nextInt(VERBS.size())), "VERB");
            id = word(b, id, "the", "DET");
            id = word(b, id, NOUNS.get(rng.nextInt(NOUNS.size())), "NOUN");
            word(b, id, ".", "PUNCT");
            b.append('\n');
        }
        return b.toString();
    }

    private static int word(StringBuilder b, int id, String form, String upos) {
        b.append(id).append('\t').append(form).append("\t_\t").append(upos).append("\t_\t_\t_\t_\t_\t_\n");
        return id + 1;
    }
}
