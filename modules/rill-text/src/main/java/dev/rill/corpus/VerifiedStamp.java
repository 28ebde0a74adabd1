package dev.rill.corpus;

import dev.rill.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Remembers which files were hashed and found right, so later runs skip re-hashing them (IMDB is
 * 65 MB; hashing it on every training start would cost seconds for nothing).
 *
 * <p>One line per file in {@code <cache>/<corpus>/.verified}:
 * {@code sha256<TAB>bytes<TAB>mtime-nanos<TAB>absolute path}. An entry vouches for a file only while
 * its size and modification time are unchanged and its sha256 is still the one the manifest
 * expects, so an edited file or an updated manifest triggers a fresh hash. A same-size edit that
 * also restores the mtime would slip through; {@link CorpusStore#verify} always re-hashes.
 *
 * <p>The stamp is only an optimisation: a missing, garbled or unwritable stamp just means hashing
 * again, never a failure (a read-only cache must not stop a mirror from being used in place).
 */
final class VerifiedStamp {

    static final String FILE_NAME = ".verified";

    private record Entry(String sha256, long bytes, long mtimeNanos) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private VerifiedStamp(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The stamp at {@code file}, empty when it does not exist or cannot be read. */
    static VerifiedStamp load(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 4);
                if (parts.length == 4) {
                    entries.put(parts[3], new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                }
            }
        } catch (NoSuchFileException e) {
            // first run
        } catch (IOException | RuntimeException e) {
            entries.clear();  // garbled: start over, the files will simply be hashed again
        }
        return new VerifiedStamp(file, entries);
    }

    /** Whether {@code path} was verified to have {@code sha256} and is unchanged since. */
    boolean vouchesFor(Path path, String sha256, long bytes) {
        Entry entry = entries.get(key(path));
        if (entry == null || !entry.sha256().equals(sha256) || entry.bytes() != bytes) {
            return false;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    && attributes.size() == bytes
                    && attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) == entry.mtimeNanos();
        } catch (IOException e) {
            return false;
        }
    }

    /** Notes that {@code path}, as it is now, has been hashed and has {@code sha256}. */
    void record(Path path, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        entries.put(key(path), new Entry(sha256, attributes.size(),
                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
    }

    void forget(Path path) {
        entries.remove(key(path));
    }

    /** Writes the stamp (atomically, like every file in the cache); failures are ignored, see the class doc. */
    void saveQuietly() {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = new ArrayList<>();
            entries.forEach((path, e) -> lines.add(e.sha256() + "\t" + e.bytes() + "\t" + e.mtimeNanos() + "\t" + path));
            temp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".part");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(temp, file);
            temp = null;
        } catch (IOException | UnsupportedOperationException e) {
            // see the class doc: the stamp only saves time
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
