package dev.rill.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems while a config is bound, so all of them are reported at once. */
final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    void add(SourceLocation where, String code, String message) {
        add(where, code, message, null);
    }

    void add(SourceLocation where, String code, String message, String hint) {
        found.add(new ConfigProblem(where, code, message, hint));
    }

    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * The problems in reading order: those in {@code configFile} by line and column, then those in
     * each override in the order the overrides were given.
     */
    List<ConfigProblem> inReadingOrder(String configFile, List<String> overrides) {
        List<String> sources = new ArrayList<>();
        sources.add(configFile);
        overrides.forEach(argument -> sources.add(NodeLocator.overrideLabel(argument)));
        Comparator<ConfigProblem> byPlace = Comparator
                .comparingInt((ConfigProblem p) -> rank(sources, p.where().file()))
                .thenComparingInt(p -> p.where().line())
                .thenComparingInt(p -> p.where().column());
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(byPlace); // stable: problems at the same place keep the order they were found
        return sorted;
    }

    ConfigException toException(String configFile, List<String> overrides) {
        return new ConfigException(inReadingOrder(configFile, overrides));
    }

    private static int rank(List<String> sources, String file) {
        int index = sources.indexOf(file);
        return index < 0 ? sources.size() : index;
    }
}
