package dev.rill.engine;

import dev.rill.config.CharCnnConfig;
import dev.rill.config.DataConfig;
import dev.rill.config.ModelConfig;
import dev.rill.text.TaggedSentence;
import dev.rill.text.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How a tagger sees a word: its id in the word vocabulary and, with {@code model.char_cnn}, the ids
 * of its first {@code max_chars} characters.
 *
 * <p>Words are lowercased for the word vocabulary when {@code data.lowercase} is set; characters
 * always keep their case, because capitals are what tells a proper noun apart. Both vocabularies
 * come from the training split only.
 */
public final class WordFeatures {

    private final Vocabulary words;
    private final Vocabulary chars;
    private final boolean lowercase;
    private final int maxChars;

    /**
     * @param chars    character vocabulary, or {@code null} for word ids only
     * @param maxChars characters kept per word (ignored without {@code chars})
     */
    public WordFeatures(Vocabulary words, Vocabulary chars, boolean lowercase, int maxChars) {
        this.words = words;
        this.chars = chars;
        this.lowercase = lowercase;
        this.maxChars = chars == null ? 0 : maxChars;
    }

    /** Builds the vocabularies from the training sentences as the config asks. */
    public static WordFeatures build(List<TaggedSentence> train, DataConfig data, ModelConfig model) {
        Map<String, Long> wordCounts = new HashMap<>();
        Map<String, Long> charCounts = new HashMap<>();
        for (TaggedSentence s : train) {
            for (String form : s.forms()) {
                wordCounts.merge(normalize(form, data.lowercase()), 1L, Long::sum);
                form.codePoints().forEach(c -> charCounts.merge(Character.toString(c), 1L, Long::sum));
            }
        }
        Vocabulary words = Vocabulary.build(wordCounts, data.vocabSize(), data.minFrequency());
        CharCnnConfig charCnn = model.charCnn();
        // Every character seen in training gets an id: there are few, and a rare one (a currency sign) is informative.
        Vocabulary chars = charCnn == null ? null : Vocabulary.build(charCounts, Integer.MAX_VALUE, 1);
        return new WordFeatures(words, chars, data.lowercase(), charCnn == null ? 0 : charCnn.maxChars());
    }

    /** What the network reads for a word list; an unknown word or character gets the {@code <unk>} id. */
    public TaggerInput encode(List<String> forms) {
        int n = forms.size();
        int[] ids = new int[n];
        int[][] charIds = chars == null ? null : new int[n][];
        for (int i = 0; i < n; i++) {
            String form = forms.get(i);
            ids[i] = words.id(normalize(form, lowercase));
            if (chars != null) {
                charIds[i] = form.codePoints().limit(maxChars).map(c -> chars.id(Character.toString(c))).toArray();
            }
        }
        return new TaggerInput(ids, charIds);
    }

    /**
     * A view of {@code inputs} in which the sentences at {@code rows} read each word as {@code <unk>} with
     * probability {@code p} (characters unchanged); other sentences are untouched and nothing is modified.
     */
    public static List<TaggerInput> withWordDropout(List<TaggerInput> inputs, int[] rows, double p, Random rng) {
        Map<Integer, TaggerInput> dropped = new HashMap<>();
        for (int r : rows) {
            int[] words = inputs.get(r).words().clone();
            for (int i = 0; i < words.length; i++) {
                if (rng.nextDouble() < p) {
                    words[i] = Vocabulary.UNK_ID;
                }
            }
            dropped.put(r, new TaggerInput(words, inputs.get(r).chars()));
        }
        return new java.util.AbstractList<>() {
            @Override
            public TaggerInput get(int index) {
                TaggerInput d = dropped.get(index);
                return d != null ? d : inputs.get(index);
            }

            @Override
            public int size() {
                return inputs.size();
            }
        };
    }

    private static String normalize(String form, boolean lowercase) {
        return lowercase ? form.toLowerCase(Locale.ROOT) : form;
    }

    public Vocabulary words() {
        return words;
    }

    /** The character vocabulary, or {@code null} without character features. */
    public Vocabulary chars() {
        return chars;
    }

    /** Input channels per step: the word id, then {@code max_chars} character ids when characters are used. */
    public int channels() {
        return 1 + maxChars;
    }

    /**
     * One sentence as network input.
     *
     * @param words word ids, one per token
     * @param chars per token its character ids (at most {@code max_chars}), or {@code null} without character features
     */
    public record TaggerInput(int[] words, int[][] chars) {
        public int length() {
            return words.length;
        }
    }
}
