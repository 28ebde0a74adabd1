package dev.rill.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a plain-text file whole, for a language model that reads it as one stream.
 *
 * <p>Bytes that are not UTF-8 are reported with their line rather than replaced by U+FFFD (which
 * would become a token the text never had). Line ends become LF ({@code CRLF -> LF}), and a
 * byte-order mark at the start is dropped, since editors add both without asking; everything else,
 * blank lines and the final line break included, is kept as written.
 */
public final class PlainTextReader {

    private PlainTextReader() {
    }

    /**
     * The text of {@code file}.
     *
     * @param lineLimit keep only the first N lines (with their line breaks); 0 keeps all
     * @throws DataException when the file is missing or not UTF-8
     */
    public static String read(Path file, int lineLimit) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, 0, "file not found; check data.dir / data.splits");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file, 0, "cannot read: " + e.getMessage());
        }
        String text = decode(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n");
        return lineLimit > 0 ? firstLines(text, lineLimit) : text;
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);   // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new DataException(file, lineAt(bytes, in.position()), "bytes that are not valid UTF-8; re-encode the file as UTF-8"
                    + " (e.g. iconv -f LATIN1 -t UTF-8)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The 1-based line of byte {@code offset}. */
    private static long lineAt(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLines(String text, int lines) {
        int end = -1;
        for (int i = 0; i < lines; i++) {
            end = text.indexOf('\n', end + 1);
            if (end < 0) {
                return text;
            }
        }
        return text.substring(0, end + 1);
    }
}
