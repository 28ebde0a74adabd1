package dev.rill.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that the data a config names can be found: the folder and its split files for
 * {@code data.dir}, or the corpus and the files its manifest provides for {@code data.corpus}.
 * Checking here, rather than when training starts, reports a typo in seconds and with its line.
 */
final class DataSourceCheck {

    private final BindContext ctx;
    private final Path baseDir;
    private final CorpusCatalog catalog;
    private final ConfigLoader.DataSources mode;

    /**
     * @param catalog the known corpora, or {@code null} to accept any corpus name
     * @param mode    whether to look at the file system at all
     */
    DataSourceCheck(BindContext ctx, Path baseDir, CorpusCatalog catalog, ConfigLoader.DataSources mode) {
        this.ctx = ctx;
        this.baseDir = baseDir;
        this.catalog = catalog;
        this.mode = mode;
    }

    void checkDir(String dir, Map<String, String> splits) {
        if (mode == ConfigLoader.DataSources.TRUST) {
            return;
        }
        Path folder = baseDir.resolve(dir).normalize();
        if (!Files.isDirectory(folder)) {
            String what = Files.exists(folder) ? "is not a directory" : "does not exist";
            ctx.problems().add(at("data.dir"), "missing-file", "data.dir '" + dir + "' " + what + ": " + folder,
                    "relative paths are resolved against the config file's folder, " + baseDir);
            return;
        }
        splits.forEach((split, file) -> {
            Path path = folder.resolve(file).normalize();
            if (!Files.isRegularFile(path)) {
                ctx.problems().add(at("data.splits." + split), "missing-file",
                        "split '" + split + "' file " + path + " does not exist",
                        splitsHint());
            }
        });
    }

    void checkCorpus(String corpus, Map<String, String> splits) {
        if (catalog == null) {
            return;
        }
        if (!catalog.knows(corpus)) {
            Set<String> names = new TreeSet<>(catalog.names());
            ctx.problems().add(at("data.corpus"), "unknown-corpus",
                    "unknown corpus '" + corpus + "'" + DidYouMean.suffix(corpus, names),
                    names.isEmpty() ? "no corpora are known" : "known corpora: " + String.join(", ", names));
            return;
        }
        Optional<Set<String>> provided = catalog.files(corpus);
        if (provided.isEmpty()) {
            return;
        }
        Set<String> files = new TreeSet<>(provided.get());
        splits.forEach((split, file) -> {
            if (!files.contains(file)) {
                ctx.problems().add(at("data.splits." + split), "missing-file",
                        "corpus '" + corpus + "' provides no file '" + file + "' for split '" + split + "'" + DidYouMean.suffix(file, files),
                        "it provides: " + String.join(", ", files));
            }
        });
    }

    private String splitsHint() {
        return !ctx.locations().containsKey("data.splits")
                ? "without data.splits the defaults train.tsv, dev.tsv and test.tsv are expected; list only the splits you have"
                : null;
    }

    private SourceLocation at(String path) {
        return ctx.locationOf(path);
    }
}
