package dev.rill.engine;

import dev.rill.config.DataConfig;
import dev.rill.config.RillConfig;
import dev.rill.corpus.CorpusException;
import dev.rill.corpus.CorpusStore;
import dev.rill.text.DataException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a config's split files are: in {@code data.dir} (relative to the config file), or in the
 * corpus cache, fetched (from the mirror or the network) on first use.
 */
final class SplitFiles {

    private final DataConfig data;
    private final Path baseDir;
    private final CorpusStore store;

    SplitFiles(RillConfig config, CorpusStore store) {
        this.data = config.data();
        this.baseDir = config.baseDir();
        this.store = store;
    }

    /** The file of a split, or empty when the config names no such split. */
    Optional<Path> split(String name) {
        String file = data.split(name);
        if (file == null) {
            return Optional.empty();
        }
        if (data.dir() != null) {
            return Optional.of(baseDir.resolve(data.dir()).resolve(file).normalize());
        }
        try {
            return Optional.of(store.file(data.corpus(), file));
        } catch (CorpusException e) {
            throw new DataException("corpus '" + data.corpus() + "': " + e.getMessage());
        }
    }
}
