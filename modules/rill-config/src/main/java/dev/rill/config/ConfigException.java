package dev.rill.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config could not be loaded. Carries every problem found, not only the first, so a user can
 * fix them all in one edit.
 */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * @param problems at least one problem
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of their place in the input (file first, then overrides). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Each problem on its own line(s), as {@link ConfigProblem#toString()} renders it. */
    private static String render(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator()));
    }
}
