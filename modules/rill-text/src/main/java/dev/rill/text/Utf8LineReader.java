package dev.rill.text;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file line by line, decoding each line strictly as UTF-8.
 *
 * <p>Lines are decoded one at a time (rather than through a {@code BufferedReader}) so that bytes
 * which are not UTF-8 are reported with the line they are on, instead of being replaced by U+FFFD
 * and silently turning into unknown words. Line ends are LF; a CR before it and a byte-order mark
 * at the start of the file are dropped, since editors add them without asking.
 */
final class Utf8LineReader implements Closeable {

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private long line;

    /** Opens {@code file}; a missing file is a {@link DataException} with {@code hint} as the fix. */
    Utf8LineReader(Path file, String hint) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, 0, "file not found; " + hint);
        }
        this.file = file;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new DataException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The next line without its line end, or {@code null} at the end of the file. */
    String next() {
        buffer.reset();
        int b;
        try {
            while ((b = in.read()) >= 0 && b != '\n') {
                buffer.write(b);
            }
        } catch (IOException e) {
            throw new DataException(file, line + 1, "cannot read: " + e.getMessage());
        }
        if (b < 0 && buffer.size() == 0) {
            return null;
        }
        line++;
        return decode(buffer.toByteArray());
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    long line() {
        return line;
    }

    private String decode(byte[] bytes) {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file, line, "bytes that are not valid UTF-8; re-encode the file as UTF-8"
                    + " (e.g. iconv -f LATIN1 -t UTF-8)");
        }
        return line == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Read-only: a failed close loses nothing.
        }
    }
}
