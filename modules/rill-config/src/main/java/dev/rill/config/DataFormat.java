package dev.rill.config;

/** File formats Rill reads, named in YAML by {@link #yamlName()}. */
public enum DataFormat {
    /** {@code label<TAB>text}, one example per line (SST-2, IMDB). */
    LABEL_TEXT_TSV("label_text_tsv"),
    /** Universal Dependencies CoNLL-U. */
    CONLLU("conllu"),
    /** {@code FORM<TAB>TAG} per token, a blank line between sentences. */
    FORM_TAG_TSV("form_tag_tsv"),
    /** Running text, read as one stream. */
    PLAIN_TEXT("plain_text");

    private final String yamlName;

    DataFormat(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
