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

    boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * The problems in reading order: those in {@code configFile} by line and column, then those in
     * overrides in the order found (sorting is stable, so overrides keep the order they were given).
     */
    List<ConfigProblem> inReadingOrder(String configFile) {
        List<ConfigProblem> sorted = new ArrayList<>(found);
        Comparator<ConfigProblem> byPlace = Comparator
                .comparingInt((ConfigProblem p) -> p.where().file().equals(configFile) ? 0 : 1)
                .thenComparingInt(p -> p.where().file().equals(configFile) ? p.where().line() : 0)
                .thenComparingInt(p -> p.where().file().equals(configFile) ? p.where().column() : 0);
        sorted.sort(byPlace);
        return sorted;
    }

    ConfigException toException(String configFile) {
        return new ConfigException(inReadingOrder(configFile));
    }
}
