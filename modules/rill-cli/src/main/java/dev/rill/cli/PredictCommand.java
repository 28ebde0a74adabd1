package dev.rill.cli;

import dev.rill.engine.ModelBundle;
import dev.rill.engine.TrainedClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", description = "Classify text lines from stdin; prints label<TAB>probability<TAB>text.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "BUNDLE", description = "A model.rill file.")
    Path bundle;

    @Option(names = "--batch", paramLabel = "N", description = "Lines classified together (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new UsageException("--batch must be >= 1, got " + batch);
        }
        TrainedClassifier model = new TrainedClassifier(ModelBundle.read(bundle));
        BufferedReader r = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
        List<String> pending = new ArrayList<>();
        // Batches keep throughput up for files piped in; a line is answered once its batch is full
        // or stdin ends, so interactive use should pass --batch 1.
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
                pending.add(line);
            }
            if (pending.size() >= batch) {
                flush(model, pending);
            }
        }
        flush(model, pending);
        return 0;
    }

    private void flush(TrainedClassifier model, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        var predictions = model.predict(lines);
        for (int i = 0; i < lines.size(); i++) {
            var p = predictions.get(i);
            main.out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", p.label(), p.probability(), lines.get(i));
        }
        main.out.flush();
        lines.clear();
    }
}
