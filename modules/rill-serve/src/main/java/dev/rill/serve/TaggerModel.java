package dev.rill.serve;

import dev.rill.engine.TrainedTagger;
import dev.rill.text.CoreNlpTokenizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A served tagger: raw text is tokenized and split into sentences with CoreNLP (as {@code rill tag}
 * does, the PTB conventions UD English uses), then tagged on a network copy of the request's own.
 */
public final class TaggerModel implements ServedModel {

    /**
     * A tagged sentence.
     *
     * @param text   the sentence as written in the request
     * @param tokens its tokens
     * @param tags   one tag per token
     */
    public record TaggedSentence(String text, List<String> tokens, List<String> tags) {
    }

    private final ModelInfo info;
    private final CopyPool<TrainedTagger> copies;
    private final CoreNlpTokenizer tokenizer = new CoreNlpTokenizer();   // thread-safe

    /** @param model the loaded tagger, kept as the template copies are cloned from */
    public TaggerModel(String name, TrainedTagger model, int copies, Duration wait) {
        this.info = ModelInfo.of(name, model.bundle());
        this.copies = new CopyPool<>("model '" + name + "'", model::copy, copies, wait);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String kind() {
        return "tagger";
    }

    @Override
    public String endpoint() {
        return "POST /api/tag";
    }

    /** The sentences of {@code text} with their tags; none when the text has no tokens. */
    public List<TaggedSentence> tag(String text) {
        List<CoreNlpTokenizer.Sentence> sentences = tokenizer.sentences(text);
        if (sentences.isEmpty()) {
            return List.of();
        }
        List<List<String>> tokens = sentences.stream().map(CoreNlpTokenizer.Sentence::tokens).toList();
        List<List<String>> tags = copies.use(t -> t.tag(tokens));
        List<TaggedSentence> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            out.add(new TaggedSentence(sentences.get(i).text(), tokens.get(i), tags.get(i)));
        }
        return out;
    }
}
