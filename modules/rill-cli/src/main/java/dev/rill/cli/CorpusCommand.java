package dev.rill.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "corpus", description = "Fetch, verify and list corpora.",
        subcommands = {CorpusCommand.Fetch.class, CorpusCommand.Verify.class, CorpusCommand.ListCorpora.class})
final class CorpusCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new UsageException("corpus needs a subcommand: fetch, verify or list");
    }

    @Command(name = "fetch", description = "Download (or copy from a mirror), verify checksums and cache a corpus; prints its folder.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        CorpusCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--mirror", paramLabel = "DIR", description = "Folder laid out like the corpus mirror; used instead of the network. Default: $RILL_CORPUS_MIRROR.")
        Path mirror;

        @Override
        public Integer call() throws Exception {
            Path dir = Corpora.store(mirror).fetch(name);
            parent.main.out.println(name + ": " + dir);
            return 0;
        }
    }

    @Command(name = "verify", description = "Check a cached corpus against its manifest's checksums.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        CorpusCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            Path dir = Corpora.store(null).verify(name);
            parent.main.out.println(name + ": verified " + dir);
            return 0;
        }
    }

    @Command(name = "list", description = "List the corpora Rill has manifests for.")
    static final class ListCorpora implements Callable<Integer> {
        @ParentCommand
        CorpusCommand parent;

        @Override
        public Integer call() {
            Corpora.registry().names().forEach(parent.main.out::println);
            return 0;
        }
    }
}
