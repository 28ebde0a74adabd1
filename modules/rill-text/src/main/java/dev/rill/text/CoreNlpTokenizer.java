package dev.rill.text;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import edu.stanford.nlp.process.WordToSentenceProcessor;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Stanford CoreNLP's PTB tokenizer: English words with punctuation and clitics split off
 * ({@code don't} becomes {@code do n't}), as the Penn Treebank and SST were tokenized.
 *
 * <p>Options: no PTB escaping (brackets stay {@code (} rather than {@code -LRB-}, quotes stay
 * ASCII) so raw user text and the corpora meet on the same token forms; untokenizable
 * characters are kept as their own tokens rather than dropped silently; newlines are white space.
 */
public final class CoreNlpTokenizer implements Tokenizer {

    private static final String OPTIONS =
            "invertible=false,ptb3Escaping=false,normalizeAmpersandEntity=true,untokenizable=noneKeep,tokenizeNLs=false";

    // The factory is immutable and makes a fresh tokenizer per text, so this class is thread-safe.
    private final TokenizerFactory<CoreLabel> factory = PTBTokenizer.coreLabelFactory(OPTIONS);

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        var tokenizer = factory.getTokenizer(new StringReader(text));
        while (tokenizer.hasNext()) {
            out.add(tokenizer.next().word());
        }
        return out;
    }

    /**
     * A sentence of a text.
     *
     * @param tokens its tokens
     * @param text   the text it was cut from, as written
     */
    public record Sentence(List<String> tokens, String text) {
    }

    /** Tokenizes a text and splits it into sentences (CoreNLP's rule-based sentence splitter). */
    public List<Sentence> sentences(String text) {
        List<CoreLabel> tokens = new ArrayList<>();
        var tokenizer = factory.getTokenizer(new StringReader(text));
        while (tokenizer.hasNext()) {
            tokens.add(tokenizer.next());
        }
        List<Sentence> out = new ArrayList<>();
        for (List<CoreLabel> sentence : new WordToSentenceProcessor<CoreLabel>().process(tokens)) {
            String written = text.substring(sentence.get(0).beginPosition(), sentence.get(sentence.size() - 1).endPosition());
            out.add(new Sentence(sentence.stream().map(CoreLabel::word).toList(), written));
        }
        return out;
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join(" ", tokens);
    }
}
