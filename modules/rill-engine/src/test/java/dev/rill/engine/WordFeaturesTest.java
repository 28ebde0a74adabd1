package dev.rill.engine;

import dev.rill.config.CharCnnConfig;
import dev.rill.config.DataConfig;
import dev.rill.config.DataFormat;
import dev.rill.config.ModelConfig;
import dev.rill.config.TagColumn;
import dev.rill.config.TokenizerKind;
import dev.rill.text.TaggedSentence;
import dev.rill.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WordFeaturesTest {

    private static final List<TaggedSentence> TRAIN = List.of(
            new TaggedSentence(List.of("The", "cat", "the", "Cat"), List.of("DET", "NOUN", "DET", "PROPN"), 1),
            new TaggedSentence(List.of("sat", "the"), List.of("VERB", "DET"), 6));

    private static DataConfig data(boolean lowercase, int minFrequency) {
        return new DataConfig(null, ".", DataFormat.CONLLU, Map.of("train", "t"), TokenizerKind.WHITESPACE, lowercase, 100, minFrequency,
                0, 0, 0.0, TagColumn.UPOS);
    }

    private static ModelConfig model(CharCnnConfig chars) {
        ModelConfig m = TestConfigs.model(dev.rill.config.CellType.GRU, false, dev.rill.config.Pooling.LAST);
        return new ModelConfig(m.embedding(), m.layers(), m.pooling(), m.outputDropout(), m.weightInit(), chars);
    }

    @Test
    void words_are_lowercased_for_their_ids_but_characters_keep_case() {
        WordFeatures f = WordFeatures.build(TRAIN, data(true, 1), model(new CharCnnConfig(4, 4, 3, 2)));
        WordFeatures.TaggerInput in = f.encode(List.of("THE", "Cat", "dog"));
        Vocabulary words = f.words();
        assertArrayEquals(new int[] {words.id("the"), words.id("cat"), Vocabulary.UNK_ID}, in.words());
        assertEquals(3, f.channels());
        Vocabulary chars = f.chars();
        // at most max_chars = 2 characters; 'H', 'E', 'd', 'o' never occur in training
        assertArrayEquals(new int[] {chars.id("T"), Vocabulary.UNK_ID}, in.chars()[0]);
        assertArrayEquals(new int[] {chars.id("C"), chars.id("a")}, in.chars()[1]);
        assertArrayEquals(new int[] {Vocabulary.UNK_ID, Vocabulary.UNK_ID}, in.chars()[2]);
        assertEquals(chars.id("C") != chars.id("c"), true);
    }

    @Test
    void min_frequency_sends_rare_training_words_to_unk_and_no_chars_means_one_channel() {
        WordFeatures f = WordFeatures.build(TRAIN, data(false, 2), model(null));
        assertEquals(Vocabulary.UNK_ID, f.encode(List.of("sat")).words()[0]);          // seen once
        assertEquals(f.words().id("the"), f.encode(List.of("the")).words()[0]);      // seen twice
        assertEquals(1, f.channels());
        assertNull(f.encode(List.of("the")).chars());
        assertNull(f.chars());
    }

    @Test
    void word_dropout_reads_about_p_of_the_chosen_rows_words_as_unk_and_keeps_characters() {
        List<WordFeatures.TaggerInput> inputs = new java.util.ArrayList<>();
        for (int s = 0; s < 200; s++) {
            inputs.add(new WordFeatures.TaggerInput(new int[] {5, 6, 7, 8, 9}, new int[][] {{2}, {3}, {4}, {5}, {6}}));
        }
        int[] rows = java.util.stream.IntStream.range(0, 100).toArray();
        List<WordFeatures.TaggerInput> read = WordFeatures.withWordDropout(inputs, rows, 0.2, new java.util.Random(1));
        long unk = 0;
        for (int r = 0; r < 100; r++) {
            for (int w : read.get(r).words()) {
                unk += w == Vocabulary.UNK_ID ? 1 : 0;
            }
            assertEquals(inputs.get(r).chars(), read.get(r).chars());
        }
        assertEquals(0.2, unk / 500.0, 0.05);
        assertArrayEquals(new int[] {5, 6, 7, 8, 9}, read.get(150).words());      // not a chosen row
        assertArrayEquals(new int[] {5, 6, 7, 8, 9}, inputs.get(0).words());      // the originals are untouched
        assertEquals(200, read.size());
    }
}
