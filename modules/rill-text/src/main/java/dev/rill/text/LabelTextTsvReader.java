package dev.rill.text;

import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.LineRecordReader;
import org.datavec.api.split.FileSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code label<TAB>text} files through DataVec's {@link LineRecordReader}, which keeps each
 * record's line number so a malformed line can be named.
 *
 * <p>Only the first TAB separates: the text may not contain one (the corpora replace TABs in
 * reviews by spaces), so a second TAB is reported rather than silently merged.
 */
public final class LabelTextTsvReader {

    private LabelTextTsvReader() {
    }

    /**
     * Reads up to {@code limit} examples (0 = all) from {@code file}.
     *
     * @throws DataException for a missing file or a malformed line, naming file, line and field
     */
    public static List<LabeledText> read(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, 0, "file not found; check data.corpus/data.dir and data.splits in the config");
        }
        List<LabeledText> out = new ArrayList<>();
        LineRecordReader reader = new LineRecordReader();
        try {
            reader.initialize(new FileSplit(file.toFile()));
            while (reader.hasNext() && (limit == 0 || out.size() < limit)) {
                Record record = reader.nextRecord();
                // RecordMetaDataLine counts from 0.
                long line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                String raw = record.getRecord().get(0).toString();
                if (raw.isBlank()) {
                    continue;
                }
                out.add(parse(file, line, raw));
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new DataException(file, 0, "cannot read: " + e.getMessage());
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Nothing was written; a failed close of a read-only file loses nothing.
            }
        }
        if (out.isEmpty()) {
            throw new DataException(file, 0, "no examples; expected lines of label<TAB>text");
        }
        return out;
    }

    static LabeledText parse(Path file, long line, String raw) {
        int tab = raw.indexOf('\t');
        if (tab < 0) {
            throw new DataException(file, line, "field 'label': no TAB found; expected label<TAB>text");
        }
        String label = raw.substring(0, tab).strip();
        String text = raw.substring(tab + 1);
        if (label.isEmpty()) {
            throw new DataException(file, line, "field 'label': empty; expected label<TAB>text");
        }
        if (text.indexOf('\t') >= 0) {
            throw new DataException(file, line, "field 'text': contains a second TAB; replace TABs inside the text by spaces");
        }
        if (text.isBlank()) {
            throw new DataException(file, line, "field 'text': empty; remove the line or add the text");
        }
        return new LabeledText(label, text, line);
    }
}
