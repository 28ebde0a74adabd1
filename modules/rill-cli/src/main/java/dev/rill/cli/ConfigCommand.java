package dev.rill.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "config", description = "Work with config files.", subcommands = ConfigCommand.Validate.class)
final class ConfigCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new UsageException("config needs a subcommand: validate");
    }

    @Command(name = "validate", description = "Check a config (keys, types, ranges, files) and exit 0 if it is valid, 2 if not.")
    static final class Validate implements Callable<Integer> {

        @ParentCommand
        ConfigCommand parent;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, as with train.")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Corpora.configLoader().load(file, overrides);
            parent.main.out.println(file + ": valid");
            return 0;
        }
    }
}
