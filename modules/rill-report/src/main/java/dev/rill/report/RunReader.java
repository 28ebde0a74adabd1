package dev.rill.report;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the files of a run directory that the report draws from. */
final class RunReader {

    static final String LOG = "metrics.jsonl";
    static final String METRICS = "metrics.json";
    static final String RESOLVED = "resolved.yaml";

    private RunReader() {
    }

    /** Reads {@code dir}; an error if it is not a run directory or one of its files is malformed. */
    static RunData read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir + ": no such directory; give the run directory that 'rill train --out DIR' wrote");
        }
        Path log = dir.resolve(LOG);
        Path metrics = dir.resolve(METRICS);
        Path resolved = dir.resolve(RESOLVED);
        if (!Files.exists(log) && !Files.exists(metrics) && !Files.exists(resolved)) {
            throw new ReportException(dir + ": not a run directory (it has no " + LOG + ", " + METRICS + " or " + RESOLVED
                    + "); give the directory that 'rill train --out DIR' wrote");
        }
        MetricsLog metricsLog = Files.exists(log) ? MetricsLog.read(log) : null;
        Map<String, Object> scores = Files.exists(metrics) ? JsonFiles.readObject(metrics) : Map.of();
        String yaml = Files.exists(resolved) ? Files.readString(resolved, StandardCharsets.UTF_8) : null;
        Map<String, Object> config = yaml == null ? Map.of() : parseYaml(resolved, yaml);
        return new RunData(dir, metricsLog, scores, Files.exists(metrics), yaml, config, TaskKind.detect(config, scores, metricsLog));
    }

    /** resolved.yaml as plain maps: the report shows runs whose config schema this version may no longer accept. */
    private static Map<String, Object> parseYaml(Path file, String yaml) {
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> m)) {
                throw new ReportException(file + ":1:1: expected a mapping of config sections (task, data, model, training)");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new ReportException(file + where + ": not valid YAML (" + e.getProblem() + ")", e);
        } catch (YAMLException e) {
            throw new ReportException(file + ": not valid YAML (" + e.getMessage() + ")", e);
        }
    }
}
