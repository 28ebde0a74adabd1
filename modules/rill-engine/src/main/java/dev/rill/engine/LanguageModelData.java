package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;
import dev.rill.text.RunningText;
import dev.rill.text.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The splits of a language-model config as token streams: each split file is read whole
 * ({@link RunningText}: line breaks are tokens), the vocabulary is built from train only, and
 * tokens of other splits outside it read as {@code <unk>}.
 *
 * <p>Every split other than {@code train} is evaluated; the one that selects the best epoch is
 * {@code val} when the config names it, else {@code dev}.
 *
 * @param text       how text becomes tokens
 * @param vocabulary built from train
 * @param train      the training stream
 * @param eval       the other splits by name: val, dev, test first, then the rest by name
 */
public record LanguageModelData(RunningText text, Vocabulary vocabulary, TokenStream train, Map<String, TokenStream> eval) {

    /** Names under which the model-selection split is looked for, in order. */
    static final List<String> SELECTION_SPLITS = List.of("val", "dev");

    /** Reads and encodes every split of {@code config}. */
    public static LanguageModelData prepare(RillConfig config, CorpusStore store) {
        DataSplits<String> splits = DataSplits.plainText(config, store);
        RunningText text = RunningText.of(config.data());
        DataSplits.Rows<String> trainSplit = splits.require("train");
        List<String> trainTokens = text.tokens(trainSplit.rows().get(0));
        Map<String, Long> counts = new HashMap<>();
        trainTokens.forEach(t -> counts.merge(t, 1L, Long::sum));
        Vocabulary vocabulary = Vocabulary.build(counts, config.data().vocabSize(), config.data().minFrequency());
        TokenStream train = TokenStream.encode(trainSplit.file(), trainTokens, vocabulary);
        Map<String, TokenStream> eval = new LinkedHashMap<>();
        for (String split : evalSplits(config)) {
            eval.put(split, read(config, splits, split, text, vocabulary));
        }
        return new LanguageModelData(text, vocabulary, train, eval);
    }

    /** One split of {@code config} encoded with a trained model's vocabulary (for {@code rill evaluate}). */
    public static TokenStream read(RillConfig config, CorpusStore store, String split, Vocabulary vocabulary) {
        return read(config, DataSplits.plainText(config, store), split, RunningText.of(config.data()), vocabulary);
    }

    private static TokenStream read(RillConfig config, DataSplits<String> splits, String split, RunningText text, Vocabulary vocabulary) {
        DataSplits.Rows<String> rows = splits.require(split);
        TokenStream stream = TokenStream.encode(rows.file(), text.tokens(rows.rows().get(0)), vocabulary);
        if (stream.size() < 2) {
            throw new DataException(rows.file(), 0, "split '" + split + "' has " + stream.size()
                    + " tokens; scoring a language model needs at least 2 (the first is context only)");
        }
        return stream;
    }

    /** The splits other than train: val, dev, test first, then the rest by name. */
    static List<String> evalSplits(RillConfig config) {
        List<String> names = new ArrayList<>();
        for (String name : List.of("val", "dev", "test")) {
            if (config.data().split(name) != null) {
                names.add(name);
            }
        }
        config.data().splits().keySet().stream().sorted()
                .filter(name -> !name.equals("train") && !names.contains(name))
                .forEach(names::add);
        return names;
    }

    /** The split that selects the best epoch ({@code val}, else {@code dev}), or {@code null} when there is neither. */
    public String selectionSplit() {
        return SELECTION_SPLITS.stream().filter(eval::containsKey).findFirst().orElse(null);
    }

    /** One line for the log. */
    String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d train tokens, vocabulary %d", train.size(),
                vocabulary.size()));
        eval.forEach((name, s) -> b.append(String.format(Locale.ROOT, ", %s %d tokens (%d unknown)", name, s.size(), s.unknown())));
        return b.toString();
    }
}
