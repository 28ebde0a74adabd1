package dev.rill.text;

import dev.rill.config.TagColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads word forms and part-of-speech tags from a CoNLL-U file (the Universal Dependencies format).
 *
 * <p>Rules, after <a href="https://universaldependencies.org/format.html">the format page</a>:
 * <ul>
 *   <li>a token row has 10 TAB-separated columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC;</li>
 *   <li>lines starting with {@code #} are comments; a sentence ends at a blank line or at the end of
 *       the file (a missing trailing blank line is accepted);</li>
 *   <li>multiword-token ranges ({@code 3-4}) and empty nodes ({@code 8.1}) are skipped: the words a
 *       range covers have their own rows, and empty nodes are not in the text, so a tagger sees the
 *       syntactic words (e.g. {@code do} + {@code n't});</li>
 *   <li>word IDs must count 1, 2, ... within each sentence;</li>
 *   <li>{@code _} in the tag column is kept as the tag {@code "_"}, for UPOS as for XPOS: it marks an
 *       unannotated tag, and whether that is acceptable is the training code's call, not the reader's.</li>
 * </ul>
 * Bytes that are not UTF-8 are an error on their line, not replacement characters.
 */
public final class ConlluReader {

    private static final int COLUMNS = 10;
    private static final String COLUMN_NAMES = "ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC";
    private static final Pattern WORD = Pattern.compile("[0-9]+");
    private static final Pattern RANGE = Pattern.compile("[0-9]+-[0-9]+");
    private static final Pattern EMPTY_NODE = Pattern.compile("[0-9]+\\.[0-9]+");

    private ConlluReader() {
    }

    /**
     * Reads up to {@code limit} sentences (0 = all) from {@code file}, with tags from {@code column}.
     *
     * @throws DataException for a missing or empty file, bytes that are not UTF-8, or a malformed row,
     *                       naming file, line and field
     */
    public static List<TaggedSentence> read(Path file, TagColumn column, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        List<TaggedSentence> out = new ArrayList<>();
        try (Utf8LineReader lines = new Utf8LineReader(file, "check the path and data.splits in the config")) {
            Sentence sentence = new Sentence(file);
            String raw;
            while ((limit == 0 || out.size() < limit) && (raw = lines.next()) != null) {
                if (raw.isBlank()) {
                    sentence.finish(out);
                } else if (!raw.startsWith("#")) {
                    sentence.add(lines.line(), raw, column);
                }
            }
            if (limit == 0 || out.size() < limit) {
                sentence.finish(out);
            }
        }
        if (out.isEmpty()) {
            throw new DataException(file, 0, "no sentences; expected CoNLL-U token rows (" + COLUMN_NAMES
                    + ", TAB-separated) with a blank line after each sentence");
        }
        return out;
    }

    /** The sentence being read: its words so far, and the ID the next word must have. */
    private static final class Sentence {
        private final Path file;
        private final List<String> forms = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private long firstRow;
        private long firstWord;

        Sentence(Path file) {
            this.file = file;
        }

        void add(long line, String raw, TagColumn column) {
            String[] fields = raw.split("\t", -1);
            if (fields.length != COLUMNS) {
                throw new DataException(file, line, "found " + fields.length + " TAB-separated columns, expected "
                        + COLUMNS + " (" + COLUMN_NAMES + "); separate columns by one TAB and write _ for an empty one");
            }
            if (firstRow == 0) {
                firstRow = line;
            }
            String id = fields[0];
            if (RANGE.matcher(id).matches() || EMPTY_NODE.matcher(id).matches()) {
                return;
            }
            if (!WORD.matcher(id).matches()) {
                throw new DataException(file, line, "field 'ID': '" + id + "' is not a word ID (1, 2, ...), a range (3-4)"
                        + " or an empty node (8.1); fix the ID");
            }
            checkSequence(line, id);
            if (firstWord == 0) {
                firstWord = line;
            }
            forms.add(nonEmpty(line, "FORM", fields[1]));
            tags.add(nonEmpty(line, column.name(), fields[column.conlluIndex()]));
        }

        private void checkSequence(long line, String id) {
            String expected = Integer.toString(forms.size() + 1);
            if (!id.equals(expected)) {
                throw new DataException(file, line, "field 'ID': expected " + expected + ", found " + id
                        + "; word IDs count 1, 2, ... within a sentence, with a blank line between sentences");
            }
        }

        private String nonEmpty(long line, String field, String value) {
            if (value.isEmpty()) {
                throw new DataException(file, line, "field '" + field + "': empty; write _ for an unknown value");
            }
            return value;
        }

        /** Ends the sentence at a blank line or the end of the file; a comment-only block adds nothing. */
        void finish(List<TaggedSentence> out) {
            if (firstRow != 0 && forms.isEmpty()) {
                throw new DataException(file, firstRow, "sentence has no words, only ranges or empty nodes;"
                        + " add its word rows (IDs 1, 2, ...)");
            }
            if (!forms.isEmpty()) {
                out.add(new TaggedSentence(forms, tags, firstWord));
            }
            forms.clear();
            tags.clear();
            firstRow = 0;
            firstWord = 0;
        }
    }
}
