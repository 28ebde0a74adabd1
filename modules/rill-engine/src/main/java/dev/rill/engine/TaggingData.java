package dev.rill.engine;

import dev.rill.text.DataException;
import dev.rill.text.LabelSet;
import dev.rill.text.TaggedSentence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One split of a tagged corpus, encoded: network inputs and tag indexes per sentence, with the
 * sentences themselves (for output and error analysis).
 *
 * @param inputs    word (and character) ids per sentence
 * @param tags      tag index per token per sentence
 * @param sentences the sentences as read
 */
public record TaggingData(List<WordFeatures.TaggerInput> inputs, List<int[]> tags, List<TaggedSentence> sentences) {

    /** The distinct tags of the training sentences, sorted, so the order does not depend on the file order. */
    public static LabelSet tagSet(List<TaggedSentence> train, Path file) {
        TreeSet<String> tags = new TreeSet<>();
        train.forEach(s -> tags.addAll(s.tags()));
        if (tags.size() < 2) {
            throw new DataException(file, 0, "field 'tag': only " + tags + " occurs; a tagger needs at least two tags");
        }
        return new LabelSet(new ArrayList<>(tags));
    }

    /** Encodes sentences; a tag that training never saw is an error naming its file and sentence. */
    public static TaggingData encode(List<TaggedSentence> sentences, Path file, WordFeatures features, LabelSet tagSet) {
        List<WordFeatures.TaggerInput> inputs = new ArrayList<>(sentences.size());
        List<int[]> tags = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            inputs.add(features.encode(s.forms()));
            int[] row = new int[s.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = tagSet.indexOf(s.tags().get(i));
                if (row[i] < 0) {
                    throw new DataException(file, s.line(), "field 'tag': '" + s.tags().get(i) + "' (word " + (i + 1) + " '"
                            + s.forms().get(i) + "' of the sentence starting here) does not occur in the training split; tags: "
                            + tagSet.labels());
                }
            }
            tags.add(row);
        }
        return new TaggingData(List.copyOf(inputs), List.copyOf(tags), List.copyOf(sentences));
    }

    public int size() {
        return inputs.size();
    }

    public int[] lengths() {
        return inputs.stream().mapToInt(WordFeatures.TaggerInput::length).toArray();
    }

    public long tokens() {
        return inputs.stream().mapToLong(WordFeatures.TaggerInput::length).sum();
    }
}
