package dev.rill.cli;

import dev.rill.serve.Bundles;
import dev.rill.serve.Limits;
import dev.rill.serve.ModelRegistry;
import dev.rill.serve.RillServer;
import dev.rill.serve.ServeSettings;
import dev.rill.serve.ServedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

@Command(name = "serve", description = {
        "Serve bundles over HTTP: a JSON API (classify, tag, generate), its OpenAPI description at /openapi.json,",
        "and a demo page at /. Runs until stopped (Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "BUNDLE", arity = "1..*", description = "model.rill files: classifiers and taggers.")
    List<Path> bundles;

    @Option(names = "--name", paramLabel = "NAME", description = {
            "Name of the bundle at the same position (repeat per bundle). Default: the file name without .rill,",
            "or for model.rill its run folder's name."})
    List<String> names = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeSettings.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only: the API has no authentication).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeSettings.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 takes a free one).")
    int port;

    @Option(names = "--copies", paramLabel = "N",
            description = "Network copies per model = requests one model answers at once (default: one per core).")
    Integer copies;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + Limits.Defaults.BODY_BYTES,
            description = "Largest request body (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--max-texts", paramLabel = "N", defaultValue = "" + Limits.Defaults.TEXTS,
            description = "Texts per classify request (default: ${DEFAULT-VALUE}).")
    int maxTexts;

    @Option(names = "--max-text-chars", paramLabel = "N", defaultValue = "" + Limits.Defaults.TEXT_CHARS,
            description = "Characters per text, tagging text or prompt (default: ${DEFAULT-VALUE}).")
    int maxTextChars;

    @Option(names = "--max-generate-length", paramLabel = "N", defaultValue = "" + Limits.Defaults.GENERATE_LENGTH,
            description = "Tokens one generate request may ask for (default: ${DEFAULT-VALUE}).")
    int maxGenerateLength;

    @Override
    public Integer call() throws Exception {
        ServeSettings settings = settings();
        if (names.size() > bundles.size()) {
            throw new UsageException(names.size() + " --name options for " + bundles.size() + " bundles; give at most one name per bundle");
        }
        List<ServedModel> models = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            Path bundle = bundles.get(i);
            models.add(Bundles.load(bundle, i < names.size() ? names.get(i) : Bundles.defaultName(bundle), settings));
        }
        ModelRegistry registry;
        try {
            registry = new ModelRegistry(models);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (RillServer server = RillServer.start(registry, settings)) {
            main.out.println("serving " + models.stream().map(m -> m.name() + " (" + m.kind() + ")").collect(Collectors.joining(", ")));
            main.out.println("listening on " + server.url() + "  (demo page at /, API description at /openapi.json; Ctrl-C stops)");
            main.out.flush();
            new CountDownLatch(1).await();   // until the process is stopped, or (in-process) the thread is interrupted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServeSettings settings() {
        try {
            Limits limits = new Limits(maxBodyBytes, maxTexts, maxTextChars, maxGenerateLength);
            return new ServeSettings(host, port, limits, copies == null ? ServeSettings.defaultCopies() : copies, ServeSettings.DEFAULT_WAIT);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
