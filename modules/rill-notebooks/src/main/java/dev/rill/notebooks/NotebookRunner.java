package dev.rill.notebooks;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Runs a notebook's code cells in order in a fresh JShell, as a Java kernel would, and fails on
 * the first cell that does not compile, throws, or refers to something never defined.
 *
 * <p>Each notebook gets its own JShell whose snippets execute in a separate JVM (JShell's default
 * remote execution), so one notebook's ND4J state, threads and memory never reach the next, nor
 * the test JVM. That JVM gets {@link Settings#classPath()} through {@link JShell#addToClasspath},
 * the environment of this process ({@code OMP_NUM_THREADS}, {@code RILL_CACHE}, ...) and the
 * {@code rill.*} system properties of this process (the corpus mirror, the project folder), and
 * its {@code System.out} and {@code System.err} are captured per cell.
 *
 * <p>A cell is cut into snippets with JShell's own completeness analysis, so a cell may hold any
 * number of statements, declarations and imports. Kernel magics are handled by
 * {@link KernelMagics}. What a cell's last bare expression evaluates to (which a kernel would
 * display) is not recorded: the notebooks print what they show.
 */
public final class NotebookRunner {

    /** Lines of a remote stack trace shown in a failure. */
    private static final int STACK_LINES = 12;

    private final Settings settings;

    /**
     * How notebooks run.
     *
     * @param classPath entries added to every notebook's JShell
     * @param vmOptions options of the JVM the snippets execute in
     * @param timeLimit a notebook still running after this fails (its JVM is stopped)
     */
    public record Settings(List<String> classPath, List<String> vmOptions, Duration timeLimit) {

        public Settings {
            classPath = List.copyOf(classPath);
            vmOptions = List.copyOf(vmOptions);
            Objects.requireNonNull(timeLimit, "timeLimit");
        }

        /**
         * This JVM's class path (the built modules and their libraries, in the test and in
         * {@code bin/run-notebooks} alike), a 3 GB heap, quiet logging unless set otherwise, and
         * UTF-8 output, and every {@code rill.*} system property of this JVM.
         */
        public static Settings fromThisJvm(Duration timeLimit) {
            List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(s -> !s.isBlank()).toList();
            // UTF-8 whatever the locale: System.out in the snippets' JVM encodes with the default charset.
            List<String> options = new ArrayList<>(List.of("-Xmx3g", "-Dfile.encoding=UTF-8"));
            String logLevel = "org.slf4j.simpleLogger.defaultLogLevel";
            options.add("-D" + logLevel + "=" + System.getProperty(logLevel, "warn"));
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("rill.")).sorted()
                    .filter(k -> !System.getProperty(k).isBlank())
                    .forEach(k -> options.add("-D" + k + "=" + System.getProperty(k)));
            return new Settings(classPath, options, timeLimit);
        }
    }

    public NotebookRunner(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs every code cell of {@code notebook}.
     *
     * @throws NotebookException at the first cell that fails, naming the notebook and the cell
     */
    public NotebookRun run(Notebook notebook) throws NotebookException {
        long start = System.nanoTime();
        Capture out = new Capture();
        Capture err = new Capture();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-time-limit");
            t.setDaemon(true);
            return t;
        });
        checkMagics(notebook);
        List<CellRun> cells = new ArrayList<>();
        try (JShell shell = JShell.builder()
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .in(InputStream.nullInputStream())
                // The default launch waits 5 s for the JVM to connect back, too short on a busy 2-core machine.
                .executionEngine("jdi:hostname(localhost),timeout(120000)")
                .remoteVMOptions(settings.vmOptions().toArray(String[]::new))
                .build()) {
            settings.classPath().forEach(shell::addToClasspath);
            long limit = settings.timeLimit().toMillis();
            timer.schedule(() -> {
                timedOut.set(true);
                shell.stop();
            }, limit, TimeUnit.MILLISECONDS);
            // A cell stuck in native code ignores stop(): closing JShell kills its JVM.
            timer.schedule(shell::close, limit + 30_000, TimeUnit.MILLISECONDS);
            int executionCount = 0;
            for (Notebook.Cell cell : notebook.cells()) {
                if (!cell.isCode()) {
                    continue;
                }
                executionCount++;
                Where where = new Where(notebook.name(), cell.index(), executionCount);
                long cellStart = System.nanoTime();
                out.take();
                err.take();
                try {
                    runCell(shell, where, cell.source());
                } catch (NotebookException e) {
                    // A cell stopped by the time limit ends with an exception of its own: the limit is the news.
                    throw timedOut.get() ? where.failure(0, overTime(limit)) : e;
                } catch (IllegalStateException e) {
                    // JShell closed under us: the time limit's last resort, or the JVM died (killed for memory, System.exit).
                    throw where.failure(0, timedOut.get() ? overTime(limit) : "the JVM running the notebook stopped ("
                            + e.getMessage() + ")" + printed(out, err));
                }
                if (timedOut.get()) {
                    throw where.failure(0, overTime(limit));
                }
                cells.add(new CellRun(cell.index(), executionCount, out.take(), err.take(), Duration.ofNanos(System.nanoTime() - cellStart)));
            }
        } finally {
            timer.shutdownNow();
        }
        return new NotebookRun(notebook, notebook.codeDigest(), cells, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Fails before starting anything when a cell holds a magic the runner cannot stand in for. */
    private static void checkMagics(Notebook notebook) throws NotebookException {
        int executionCount = 0;
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.isCode()) {
                executionCount++;
                KernelMagics.Stripped stripped = KernelMagics.strip(cell.source());
                if (stripped.unsupported() != null) {
                    throw new Where(notebook.name(), cell.index(), executionCount).failure(stripped.line(), "kernel magic '"
                            + stripped.unsupported() + "' is not supported by the notebook runner; it skips only class path magics ("
                            + String.join(", ", KernelMagics.CLASS_PATH.stream().sorted().map(m -> "%" + m).toList())
                            + "), since its JShell already has the built modules' class path");
                }
            }
        }
    }

    private static String overTime(long limitMillis) {
        return String.format(Locale.ROOT, "still running after the time limit of %d s; it was stopped", limitMillis / 1000);
    }

    /** What the failing cell printed before failing, which often says why. */
    private static String printed(Capture out, Capture err) {
        String text = (out.take() + err.take()).strip();
        return text.isEmpty() ? "" : "\nthe cell printed:\n" + text;
    }

    private static void runCell(JShell shell, Where where, String source) throws NotebookException {
        KernelMagics.Stripped stripped = KernelMagics.strip(source);   // magics were checked before the run
        String code = stripped.code();
        String remaining = code;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return;
            }
            int offset = code.length() - remaining.length();
            boolean complete = info.completeness().isComplete();
            // An unfinished snippet at the end of a cell is evaluated as it is, so the compiler says what is missing.
            String snippet = complete ? info.source() : remaining;
            check(shell, where.at(lineOf(code, offset + leadingBlank(snippet))), shell.eval(snippet), code, offset);
            if (!complete) {
                return;
            }
            remaining = info.remaining();
        }
    }

    /** Fails on the first problem with the snippet itself (events for other snippets it affected are fine). */
    private static void check(JShell shell, Where where, List<SnippetEvent> events, String code, int offset) throws NotebookException {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
                int line = diags.isEmpty() ? where.line() : lineOf(code, offset + (int) Math.max(0, diags.get(0).getStartPosition()));
                String messages = diags.isEmpty() ? "rejected by JShell" : diags.stream()
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
                throw where.failure(line, "does not compile: " + messages + "\n  in: " + firstLine(snippet.source()));
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = snippet instanceof DeclarationSnippet d
                        ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "?";
                throw where.failure(where.line(), "refers to something never defined: " + missing + "\n  in: " + firstLine(snippet.source()));
            }
            if (e.exception() != null) {
                throw where.failure(where.line(), "throws " + describe(e.exception()) + "\n  in: " + firstLine(snippet.source()));
            }
        }
    }

    /** The exception as its remote class name, message, a few stack lines and its causes. */
    private static String describe(JShellException e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        String prefix = "";
        while (t != null) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName()
                    : t instanceof UnresolvedReferenceException u ? "an unresolved reference (" + u.getSnippet().source().strip() + " uses"
                    + " something never defined)" : t.getClass().getName();
            b.append(prefix).append(name);
            if (t.getMessage() != null && !(t instanceof UnresolvedReferenceException)) {
                b.append(": ").append(t.getMessage());
            }
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(STACK_LINES, stack.length); i++) {
                b.append("\n    at ").append(stack[i]);
            }
            if (stack.length > STACK_LINES) {
                b.append("\n    ... ").append(stack.length - STACK_LINES).append(" more");
            }
            t = t.getCause();
            prefix = "\nCaused by: ";
        }
        return b.toString();
    }

    private static String firstLine(String source) {
        String s = source.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** 1-based line of character {@code position} in {@code code}. */
    static int lineOf(String code, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, code.length()); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A place in a notebook, for failure messages. */
    private record Where(String notebook, int cell, int executionCount, int line) {

        Where(String notebook, int cell, int executionCount) {
            this(notebook, cell, executionCount, 0);
        }

        Where at(int snippetLine) {
            return new Where(notebook, cell, executionCount, snippetLine);
        }

        NotebookException failure(int atLine, String what) {
            String place = String.format(Locale.ROOT, "%s, cell %d (In [%d])%s", notebook, cell, executionCount,
                    atLine > 0 ? ", line " + atLine : "");
            return new NotebookException(notebook, cell, place + ": " + what);
        }
    }

    /** An output stream whose text is taken per cell; JShell writes to it from its own thread. */
    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String take() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            bytes.reset();
            return text;
        }
    }
}
