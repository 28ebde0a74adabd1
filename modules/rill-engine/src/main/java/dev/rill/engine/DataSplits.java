package dev.rill.engine;

import dev.rill.config.DataFormat;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.ConlluReader;
import dev.rill.text.DataException;
import dev.rill.text.DevHoldout;
import dev.rill.text.FormTagTsvReader;
import dev.rill.text.LabelTextTsvReader;
import dev.rill.text.LabeledText;
import dev.rill.text.PlainTextReader;
import dev.rill.text.TaggedSentence;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows of each split of a config, read from the split files, with the dev split held out of
 * train when {@code data.dev_fraction} is set. Training and evaluation both read splits here, so a
 * held-out dev split is the same for both.
 *
 * @param <T> what one row is: a labelled text, a tagged sentence
 */
public final class DataSplits<T> {

    private final RillConfig config;
    private final SplitFiles files;
    private final Function<Path, List<T>> reader;

    private DataSplits(RillConfig config, CorpusStore store, Function<Path, List<T>> reader) {
        this.config = config;
        this.files = new SplitFiles(config, store);
        this.reader = reader;
    }

    /** {@code label<TAB>text} rows, for classifiers. */
    public static DataSplits<LabeledText> labelled(RillConfig config, CorpusStore store) {
        int limit = config.data().limit();
        return new DataSplits<>(config, store, file -> LabelTextTsvReader.read(file, limit));
    }

    /** Tagged sentences (CoNLL-U or {@code FORM<TAB>TAG}), with the config's tag column, for taggers. */
    public static DataSplits<TaggedSentence> tagged(RillConfig config, CorpusStore store) {
        int limit = config.data().limit();
        var column = config.data().tagColumn();
        return new DataSplits<>(config, store, config.data().format() == DataFormat.CONLLU
                ? file -> ConlluReader.read(file, column, limit)
                : file -> FormTagTsvReader.read(file, column.tsvColumn(), limit));
    }

    /** Each split's whole text as its one row, for language models; {@code data.limit} keeps the first N lines. */
    public static DataSplits<String> plainText(RillConfig config, CorpusStore store) {
        int limit = config.data().limit();
        return new DataSplits<>(config, store, file -> List.of(PlainTextReader.read(file, limit)));
    }

    /**
     * Rows of a split with the file they came from (for error messages).
     *
     * @param file the split's file (for dev held out of train, the train file)
     * @param rows the examples
     */
    public record Rows<T>(Path file, List<T> rows) {
    }

    /** The rows of {@code split}, or empty when the config has no such split. */
    public Optional<Rows<T>> split(String split) {
        double fraction = config.data().devFraction();
        if (fraction <= 0 || !(split.equals("train") || split.equals("dev"))) {
            return files.split(split).map(f -> new Rows<>(f, reader.apply(f)));
        }
        return files.split("train").map(trainFile -> {
            var parts = DevHoldout.split(reader.apply(trainFile), fraction, config.training().seed());
            return new Rows<>(trainFile, split.equals("train") ? parts.train() : parts.dev());
        });
    }

    /** The rows of a split that must exist. */
    public Rows<T> require(String split) {
        return split(split).orElseThrow(() -> new DataException("the config names no '" + split + "' split; add data.splits."
                + split + (split.equals("dev") ? " or data.dev_fraction" : "") + " (splits: " + config.data().splits().keySet() + ")"));
    }
}
