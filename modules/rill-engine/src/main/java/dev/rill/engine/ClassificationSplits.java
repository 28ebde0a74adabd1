package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.DevHoldout;
import dev.rill.text.LabelTextTsvReader;
import dev.rill.text.LabeledText;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The labelled rows of each split of a classification config: read from the split files, with the
 * dev split held out of train when {@code data.dev_fraction} is set. Training and evaluation both
 * read splits here, so a held-out dev split is the same for both.
 */
public final class ClassificationSplits {

    private final RillConfig config;
    private final SplitFiles files;

    public ClassificationSplits(RillConfig config, CorpusStore store) {
        this.config = config;
        this.files = new SplitFiles(config, store);
    }

    /**
     * Rows of a split with the file they came from (for error messages).
     *
     * @param file the split's file (for dev held out of train, the train file)
     * @param rows the examples
     */
    public record Rows(Path file, List<LabeledText> rows) {
    }

    /** The rows of {@code split}, or empty when the config has no such split. */
    public Optional<Rows> split(String split) {
        double fraction = config.data().devFraction();
        if (fraction <= 0 || !(split.equals("train") || split.equals("dev"))) {
            return files.split(split).map(f -> new Rows(f, read(f)));
        }
        return files.split("train").map(trainFile -> {
            var parts = DevHoldout.split(read(trainFile), fraction, config.training().seed());
            return new Rows(trainFile, split.equals("train") ? parts.train() : parts.dev());
        });
    }

    /** The rows of a split that must exist. */
    public Rows require(String split) {
        return split(split).orElseThrow(() -> new DataException("the config names no '" + split + "' split; add data.splits."
                + split + (split.equals("dev") ? " or data.dev_fraction" : "") + " (splits: " + config.data().splits().keySet() + ")"));
    }

    private List<LabeledText> read(Path file) {
        return LabelTextTsvReader.read(file, config.data().limit());
    }
}
