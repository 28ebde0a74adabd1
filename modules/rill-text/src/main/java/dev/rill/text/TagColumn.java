package dev.rill.text;

/** Which CoNLL-U column {@link ConlluReader} takes the tags from. */
public enum TagColumn {
    /** Column 4: the universal part-of-speech tag (17 tags, e.g. {@code NOUN}). */
    UPOS(3),
    /** Column 5: the language-specific tag; Penn Treebank tags (e.g. {@code NN}) in UD English. */
    XPOS(4);

    private final int index;

    TagColumn(int index) {
        this.index = index;
    }

    /** The 0-based index among the 10 TAB-separated CoNLL-U columns. */
    int index() {
        return index;
    }
}
