package dev.rill.engine;

import dev.rill.text.Vocabulary;

import java.nio.file.Path;
import java.util.List;

/**
 * One split of a language model's text as token ids.
 *
 * @param file    where it was read (for messages)
 * @param ids     the tokens, in order
 * @param unknown how many of them are {@code <unk>}: outside the vocabulary built from train
 */
public record TokenStream(Path file, int[] ids, long unknown) {

    static TokenStream encode(Path file, List<String> tokens, Vocabulary vocabulary) {
        int[] ids = vocabulary.encode(tokens);
        long unknown = 0;
        for (int id : ids) {
            if (id == Vocabulary.UNK_ID) {
                unknown++;
            }
        }
        return new TokenStream(file, ids, unknown);
    }

    public int size() {
        return ids.length;
    }
}
