package dev.rill.cli;

import dev.rill.config.ConfigLoader;
import dev.rill.corpus.CorpusRegistry;
import dev.rill.corpus.CorpusStore;

import java.nio.file.Path;

/** The corpus registry and store the commands share, from the environment and options. */
final class Corpora {

    private Corpora() {
    }

    static CorpusRegistry registry() {
        return CorpusRegistry.builtIn();
    }

    /** The store; {@code mirror} overrides the environment's mirror when not null. */
    static CorpusStore store(Path mirror) {
        return mirror == null ? CorpusStore.fromEnvironment() : CorpusStore.fromEnvironment().withMirror(mirror);
    }

    /** A config loader that checks corpus names and split files against the shipped manifests. */
    static ConfigLoader configLoader() {
        return new ConfigLoader(registry());
    }
}
