package dev.rill.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares a file on disk with what its manifest entry says, and words the mismatch. */
final class FileCheck {

    private FileCheck() {
    }

    /** The size and sha256 a file actually has. */
    record Actual(String sha256, long bytes) {
    }

    static Actual measure(Path path) throws IOException {
        return new Actual(Checksums.sha256(path), Files.size(path));
    }

    static boolean matches(Actual actual, ManifestFile expected) {
        return actual.bytes() == expected.bytes() && actual.sha256().equals(expected.sha256());
    }

    /**
     * {@code checksum mismatch for sst2/train.tsv from <source>: expected sha256 … (N bytes), got … (M bytes)},
     * the wording every integrity error uses so users can grep for it.
     */
    static String mismatch(String corpus, ManifestFile expected, Actual actual, String source) {
        return "checksum mismatch for " + corpus + "/" + expected.path() + " from " + source
                + ": expected sha256 " + expected.sha256() + " (" + expected.bytes() + " bytes), got sha256 "
                + actual.sha256() + " (" + actual.bytes() + " bytes)";
    }
}
