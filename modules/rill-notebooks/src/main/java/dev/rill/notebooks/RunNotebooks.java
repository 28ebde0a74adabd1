package dev.rill.notebooks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/run-notebooks}: runs notebooks with {@link NotebookRunner} and saves what each code
 * cell printed into the notebook as its outputs, so the outputs a reader sees come from a real run
 * of exactly the code beside them. A notebook is rewritten (atomically) only when all its cells
 * ran; a failing one is left as it was and the exit code is 1.
 *
 * <pre>RunNotebooks [--time-limit SECONDS] NOTEBOOK.ipynb...</pre>
 */
public final class RunNotebooks {

    /** Default per-notebook limit: the notebooks are meant to take a minute or two on 2 cores. */
    static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

    private RunNotebooks() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the tool; returns the exit code (0 all saved, 1 a notebook failed, 2 usage). */
    static int run(PrintStream out, PrintStream err, String... args) {
        Duration limit = DEFAULT_LIMIT;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--time-limit") && i + 1 < args.length && args[i + 1].matches("\\d+")) {
                limit = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].startsWith("-")) {
                err.println("usage: run-notebooks [--time-limit SECONDS] NOTEBOOK.ipynb...");
                return 2;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            err.println("usage: run-notebooks [--time-limit SECONDS] NOTEBOOK.ipynb...");
            return 2;
        }
        NotebookRunner runner = new NotebookRunner(NotebookRunner.Settings.fromThisJvm(limit));
        int failed = 0;
        for (Path file : files) {
            try {
                Notebook notebook = Notebook.read(file);
                out.printf(Locale.ROOT, "%s: running %d code cells%n", file, notebook.cells().stream().filter(Notebook.Cell::isCode).count());
                NotebookRun run = runner.run(notebook);
                // Read again just before writing: an edit made while it ran must not be overwritten with stale outputs.
                Notebook current = Notebook.read(file);
                if (!current.codeDigest().equals(run.codeDigest())) {
                    err.println(file + ": its code changed while it ran; not saved, run it again");
                    failed++;
                    continue;
                }
                current.withOutputs(run).write(file);
                for (CellRun c : run.cells()) {
                    out.printf(Locale.ROOT, "  In [%d] %6.1f s%n", c.executionCount(), c.time().toMillis() / 1000.0);
                }
                out.printf(Locale.ROOT, "%s: saved, %.1f s%n", file, run.time().toMillis() / 1000.0);
            } catch (NotebookException e) {
                err.println(e.getMessage());
                failed++;
            } catch (IOException e) {
                err.println(e.getMessage());
                failed++;
            }
        }
        if (failed > 0) {
            err.printf(Locale.ROOT, "%d of %d notebooks failed; those were not changed%n", failed, files.size());
        }
        return failed == 0 ? 0 : 1;
    }
}
