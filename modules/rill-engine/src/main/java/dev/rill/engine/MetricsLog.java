package dev.rill.engine;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one compact JSON object per line, each written through to the file as
 * soon as it is made, so a report or {@code tail -f} sees training as it goes.
 *
 * <p>A checkpoint records the file's length when it is written; resuming from it cuts the file back
 * to that length, so the lines of steps trained after the checkpoint (and lost with the crash) are
 * not there twice when they are trained again.
 */
final class MetricsLog implements Closeable {

    private final FileChannel channel;

    private MetricsLog(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens the log for appending, keeping its first {@code keepBytes} bytes (0 starts a new log).
     */
    static MetricsLog open(Path file, long keepBytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.size() > keepBytes) {
            channel.truncate(keepBytes);
        }
        channel.position(channel.size());
        return new MetricsLog(channel);
    }

    /** Appends one line. Non-finite numbers are written as null: JSON has no NaN. */
    void write(Map<String, Object> line) {
        Map<String, Object> clean = new LinkedHashMap<>();
        line.forEach((k, v) -> clean.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        try {
            byte[] bytes = (Json.compact(clean) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics line is not JSON-serializable: " + line, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics.jsonl", e);
        }
    }

    /** Forces what was written to disk and returns the log's length, for a checkpoint to record. */
    long sync() throws IOException {
        channel.force(false);
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
