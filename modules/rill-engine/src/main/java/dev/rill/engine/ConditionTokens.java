package dev.rill.engine;

import dev.rill.text.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of a one-to-many generator: after {@code <pad>} and {@code <unk>}, the
 * end-of-sequence token {@value #EOS}, one condition token {@code <label:L>} per class label, then
 * the words. A training sequence for the text {@code w_1 .. w_n} with label {@code L} reads
 * {@code <label:L> w_1 .. w_n} and predicts {@code w_1 .. w_n <eos>}: the condition is the one input
 * at the start, and it reaches every later step through the recurrent state.
 *
 * @param vocabulary all tokens
 * @param labels     class labels, index order (as in the bundle's labels)
 */
public record ConditionTokens(Vocabulary vocabulary, List<String> labels) {

    /** Ends every training sequence; generation stops on it. */
    public static final String EOS = "<eos>";

    public ConditionTokens {
        labels = List.copyOf(labels);
        if (!vocabulary.contains(EOS)) {
            throw new IllegalArgumentException("a generator's vocabulary has " + EOS);
        }
        for (String label : labels) {
            if (!vocabulary.contains(token(label))) {
                throw new IllegalArgumentException("a generator's vocabulary has " + token(label));
            }
        }
    }

    /** The condition token of {@code label}. */
    public static String token(String label) {
        return "<label:" + label + ">";
    }

    /**
     * Builds the vocabulary from training word counts.
     *
     * @param maxSize cap on all tokens, special ones included
     */
    static ConditionTokens build(Map<String, Long> wordCounts, List<String> labels, int maxSize, int minFrequency) {
        List<String> specials = new ArrayList<>();
        specials.add(EOS);
        labels.forEach(l -> specials.add(token(l)));
        Vocabulary words = Vocabulary.build(wordCounts, Math.max(2, maxSize - specials.size()), minFrequency);
        List<String> tokens = new ArrayList<>(specials);
        words.tokens().stream().skip(2).filter(t -> !specials.contains(t)).forEach(tokens::add);
        return new ConditionTokens(Vocabulary.of(tokens), labels);
    }

    public int eos() {
        return vocabulary.id(EOS);
    }

    /** The id of the condition token of label index {@code label}. */
    public int condition(int label) {
        return vocabulary.id(token(labels.get(label)));
    }

    /** Ids never generated inside a text: {@code <pad>}, {@code <unk>} and the condition tokens. */
    public List<Integer> banned() {
        List<Integer> ids = new ArrayList<>(List.of(Vocabulary.PAD_ID, Vocabulary.UNK_ID));
        for (int i = 0; i < labels.size(); i++) {
            ids.add(condition(i));
        }
        return ids;
    }
}
