package dev.rill.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The settings two configs disagree on, by dotted path ({@code training.epochs},
 * {@code model.layers.0.units}), read from their resolved YAML so defaults count as written.
 * Used to refuse resuming a run with a config other than the one it was started with.
 */
public final class ConfigDiff {

    private ConfigDiff() {
    }

    /** One line per differing path, {@code path: BEFORE -> AFTER} ({@code (absent)} where one has no such key). */
    public static List<String> between(RillConfig before, RillConfig after) {
        Map<String, Object> a = flat(before);
        Map<String, Object> b = flat(after);
        Set<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            if (!Objects.equals(a.get(path), b.get(path))) {
                differences.add(path + ": " + shown(a, path) + " -> " + shown(b, path));
            }
        }
        return differences;
    }

    private static String shown(Map<String, Object> values, String path) {
        return values.containsKey(path) ? String.valueOf(values.get(path)) : "(absent)";
    }

    private static Map<String, Object> flat(RillConfig config) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(ConfigWriter.toYaml(config));
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String path, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "." + i, list.get(i), out);
            }
        } else {
            out.put(path, node);
        }
    }
}
