package dev.rill.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code FORM<TAB>TAG[<TAB>TAG2...]} files: one word per line, a blank line after each
 * sentence. The UD English EWT {@code en_ewt-*.pos.tsv} files have three columns, FORM UPOS XPOS,
 * so tag column 1 is UPOS and 2 is XPOS.
 *
 * <p>BIO/IOBES entity files in this layout work as they are ({@code EU<TAB>B-ORG}); their
 * {@code -DOCSTART-} document-boundary lines are skipped.
 *
 * <p>Columns after the chosen tag column are ignored, so one file serves every tag set it holds.
 * Fields are not trimmed: the forms contain no spaces, and a stray space is better kept visible
 * than silently altered.
 */
public final class FormTagTsvReader {

    private static final String DOCSTART = "-DOCSTART-";

    private FormTagTsvReader() {
    }

    /**
     * Reads up to {@code limit} sentences (0 = all) from {@code file}.
     *
     * @param tagColumn 1-based index of the tag column among the fields after FORM (1 = first tag)
     * @throws DataException for a missing or empty file, bytes that are not UTF-8, too few columns or
     *                       an empty form or tag, naming file, line and field
     */
    public static List<TaggedSentence> read(Path file, int tagColumn, int limit) {
        if (tagColumn < 1) {
            throw new IllegalArgumentException("tagColumn is 1-based (1 = first column after FORM), got " + tagColumn);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        List<TaggedSentence> out = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long first = 0;
        try (Utf8LineReader lines = new Utf8LineReader(file, "check the path and data.splits in the config")) {
            String raw;
            while ((limit == 0 || out.size() < limit) && (raw = lines.next()) != null) {
                if (raw.isBlank()) {
                    first = flush(out, forms, tags, first);
                    continue;
                }
                if (raw.startsWith(DOCSTART)) {
                    continue; // a document boundary in CoNLL-2003-style entity files, not a word
                }
                String[] fields = raw.split("\t", -1);
                check(file, lines.line(), fields, tagColumn);
                first = first == 0 ? lines.line() : first;
                forms.add(fields[0]);
                tags.add(fields[tagColumn]);
            }
        }
        if (limit == 0 || out.size() < limit) {
            flush(out, forms, tags, first);
        }
        if (out.isEmpty()) {
            throw new DataException(file, 0, "no sentences; expected FORM<TAB>TAG lines with a blank line after each sentence");
        }
        return out;
    }

    private static void check(Path file, long line, String[] fields, int tagColumn) {
        if (fields.length < tagColumn + 1) {
            throw new DataException(file, line, "field 'tag': found " + fields.length + " TAB-separated columns, expected at least "
                    + (tagColumn + 1) + " (FORM and tag column " + tagColumn + "); separate FORM and tags by TABs");
        }
        if (fields[0].isEmpty()) {
            throw new DataException(file, line, "field 'FORM': empty; remove the line or add the word");
        }
        if (fields[tagColumn].isEmpty()) {
            throw new DataException(file, line, "field 'tag': column " + tagColumn + " is empty; add the tag");
        }
    }

    /** Adds the collected sentence, if any, and returns the cleared first-line marker. */
    private static long flush(List<TaggedSentence> out, List<String> forms, List<String> tags, long first) {
        if (!forms.isEmpty()) {
            out.add(new TaggedSentence(forms, tags, first));
            forms.clear();
            tags.clear();
        }
        return 0;
    }
}
