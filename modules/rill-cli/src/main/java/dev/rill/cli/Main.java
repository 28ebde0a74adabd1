package dev.rill.cli;

import dev.rill.config.ConfigException;
import dev.rill.layers.kernel.KernelThreads;
import dev.rill.corpus.CorpusException;
import dev.rill.serve.ServeException;
import dev.rill.text.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code rill} command. {@link #run} drives it in-process (tests use it); {@link #main} exits
 * with its code.
 *
 * <p>Exit codes: 0 success, 2 bad input (usage, config, data, corpus, a port that cannot be used), 1 internal failure. Errors
 * are one message on stderr; the stack trace only with {@code --verbose}.
 */
@Command(name = "rill", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recurrent networks for NLP from one YAML file.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, TagCommand.class, GenerateCommand.class,
                ConfigCommand.class, CorpusCommand.class, BenchCommand.class, ReportCommand.class, PlanCommand.class,
                DoctorCommand.class, DiagnoseCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: usage, config, data. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL = 1;

    @Option(names = "--verbose", description = "Print stack traces with errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    Main(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    @Override
    public void run() {
        // No subcommand: show what there is.
        new CommandLine(this).usage(out);
    }

    public static void main(String[] args) {
        // OMP_NUM_THREADS is Rill's core budget: the recurrent kernels take a second core themselves (KernelThreads).
        KernelThreads.configure(KernelThreads.fromEnvironment());
        int code = run(System.out, System.err, System.in, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams and returns the exit code. */
    public static int run(PrintStream out, PrintStream err, InputStream in, String... args) {
        Main main = new Main(out, err, in);
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(main, ex));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("rill: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    private static int report(Main main, Exception ex) {
        PrintStream err = main.err;
        int code;
        if (ex instanceof ConfigException c) {
            c.problems().forEach(err::println);
            code = BAD_INPUT;
        } else if (ex instanceof DataException || ex instanceof CorpusException || ex instanceof UsageException
                || ex instanceof ServeException) {
            err.println("rill: " + ex.getMessage());
            code = BAD_INPUT;
        } else {
            err.println("rill: internal error: " + ex + (main.verbose ? "" : " (run with --verbose for the stack trace)"));
            code = INTERNAL;
        }
        if (main.verbose) {
            ex.printStackTrace(err);
        }
        return code;
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var v = dev.rill.engine.Provenance.versions();
            return new String[] {"rill " + v.getProperty("rill.version", "unknown")
                    + " (Deeplearning4j " + v.getProperty("dl4j.version", "unknown") + ")"};
        }
    }
}
