package dev.rill.corpus;

import dev.rill.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts one file into the cache so that the cache never holds a half-written or wrong file: the
 * bytes go to a temporary file beside the target, are checked against the manifest, and only then
 * renamed onto the target in one atomic step. Whatever fails on the way, the temporary file is
 * deleted and the target is left as it was.
 */
final class FileInstaller {

    /** Where the bytes of a file come from (a mirror copy, a download). */
    interface Source {
        /** Writes the bytes into {@code temp}, an existing empty file. */
        void writeTo(Path temp) throws IOException;

        /** For messages, e.g. {@code mirror file /m/sst2/train.tsv} or {@code https://…}. */
        String describe();

        /** Appended to the message when {@link #writeTo} fails, e.g. what to do without a network. */
        default String failureHint() {
            return "";
        }
    }

    private FileInstaller() {
    }

    /**
     * Fetches {@code file} of {@code corpus} from {@code source} into {@code target}.
     *
     * @return the file's sha256 (as checked)
     */
    static String install(String corpus, ManifestFile file, Path target, Source source) throws CorpusException {
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // A dot-name: manifest paths may not start with '.', so a temp file never collides with data.
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            try {
                source.writeTo(temp);
            } catch (IOException e) {
                throw new CorpusException("could not fetch " + corpus + "/" + file.path() + " from "
                        + source.describe() + ": " + e + source.failureHint(), e);
            }
            FileCheck.Actual actual = FileCheck.measure(temp);
            if (!FileCheck.matches(actual, file)) {
                throw new CorpusException(FileCheck.mismatch(corpus, file, actual, source.describe())
                        + ". The source holds a different or damaged file; nothing was written to the cache.");
            }
            AtomicFiles.moveIntoPlace(temp, target);
            temp = null;
            return actual.sha256();
        } catch (IOException e) {
            throw new CorpusException("could not write " + corpus + "/" + file.path() + " into the corpus cache "
                    + dir + ": " + e + " (set RILL_CACHE to a writable folder with enough space)", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }
}
