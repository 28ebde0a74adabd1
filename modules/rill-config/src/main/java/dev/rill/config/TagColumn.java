package dev.rill.config;

/**
 * Which tag set a tagging corpus is read with ({@code data.tag_column}).
 *
 * <p>CoNLL-U files hold both; {@code FORM<TAB>TAG...} files hold them as the first and second
 * column after FORM (the UD English EWT {@code .pos.tsv} layout FORM UPOS XPOS). A two-column
 * file, such as BIO-tagged entities, has one tag column: {@code upos} reads it.
 */
public enum TagColumn {
    /** CoNLL-U column 4, the universal part-of-speech tag (17 tags, e.g. {@code NOUN}); the first tag column of a TSV file. */
    UPOS("upos", 3, 1),
    /** CoNLL-U column 5, the language-specific tag (Penn Treebank in UD English, e.g. {@code NN}); the second tag column of a TSV file. */
    XPOS("xpos", 4, 2);

    private final String yamlName;
    private final int conlluIndex;
    private final int tsvColumn;

    TagColumn(String yamlName, int conlluIndex, int tsvColumn) {
        this.yamlName = yamlName;
        this.conlluIndex = conlluIndex;
        this.tsvColumn = tsvColumn;
    }

    public String yamlName() {
        return yamlName;
    }

    /** The 0-based index among the 10 TAB-separated CoNLL-U columns. */
    public int conlluIndex() {
        return conlluIndex;
    }

    /** The 1-based index among the fields after FORM in a {@code FORM<TAB>TAG...} file. */
    public int tsvColumn() {
        return tsvColumn;
    }
}
