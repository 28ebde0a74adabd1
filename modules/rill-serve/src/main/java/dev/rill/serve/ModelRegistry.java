package dev.rill.serve;

import dev.rill.config.DidYouMean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The served models by name, and how a request's {@code model} field finds one of the kind it needs. */
public final class ModelRegistry {

    /** Names go into URLs, JSON and the demo page: letters, digits, {@code . _ -}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, ServedModel> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two models share a name or a name has other characters */
    public ModelRegistry(List<? extends ServedModel> models) {
        for (ServedModel m : models) {
            if (!NAME.matcher(m.name()).matches()) {
                throw new IllegalArgumentException("model name '" + m.name() + "' must be 1 to 64 letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit; choose another with --name");
            }
            if (byName.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("two models are called '" + m.name() + "'; give each a name with --name");
            }
        }
    }

    public List<ServedModel> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The model a request asked for.
     *
     * @param name a model name, or {@code null}: then the only model of this kind
     * @param type the kind the endpoint needs
     * @param kind that kind in words ("classifier")
     */
    <T extends ServedModel> T find(String name, Class<T> type, String kind) {
        if (name == null) {
            List<ServedModel> candidates = byName.values().stream().filter(type::isInstance).toList();
            if (candidates.size() == 1) {
                return type.cast(candidates.get(0));
            }
            if (candidates.isEmpty()) {
                throw new ApiError(404, "no_" + kind, "model", "no " + kind + " is loaded; this server has " + described(byName.values()));
            }
            throw RequestFields.missing("model", "several " + kind + "s are served: " + names(candidates) + "; name one");
        }
        ServedModel model = byName.get(name);
        if (model == null) {
            throw new ApiError(404, "unknown_model", "model", "no model is called '" + name + "'"
                    + DidYouMean.suffix(name, byName.keySet()) + "; this server has " + described(byName.values()));
        }
        if (!type.isInstance(model)) {
            List<ServedModel> right = byName.values().stream().filter(type::isInstance).toList();
            throw new ApiError(409, "not_a_" + kind, "model", "model '" + name + "' is a " + model.kind() + ", not a " + kind
                    + " (use it with " + model.endpoint() + "); " + (right.isEmpty() ? "no " + kind + " is loaded"
                    : kind + "s here: " + names(right)));
        }
        return type.cast(model);
    }

    private static String names(List<ServedModel> models) {
        return models.stream().map(ServedModel::name).collect(Collectors.joining(", "));
    }

    private static String described(java.util.Collection<ServedModel> models) {
        if (models.isEmpty()) {
            return "no models";
        }
        List<String> parts = new ArrayList<>();
        models.forEach(m -> parts.add(m.name() + " (a " + m.kind() + ")"));
        return String.join(", ", parts);
    }
}
