package dev.rill.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

/** Shared helpers: parse text as if it came from {@code c.yaml}, and get the problems it has. */
final class Fixtures {

    /** The file name every location in these tests starts with. */
    static final Path SOURCE = Path.of("c.yaml");

    /** The smallest valid config: lines 1 and 2, so test sections start on line 3. */
    static final String BASE = "task: classification\ndata: {corpus: sst2}\n";

    private Fixtures() {
    }

    static RillConfig parse(String yaml, String... overrides) throws ConfigException {
        return new ConfigLoader().parse(yaml, SOURCE, List.of(overrides)).config();
    }

    static List<ConfigProblem> problems(String yaml, String... overrides) {
        return problems(new ConfigLoader(), yaml, overrides);
    }

    static List<ConfigProblem> problems(ConfigLoader loader, String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, SOURCE, List.of(overrides))).problems();
    }

    /** The single problem of {@code yaml}; fails if there are more or none. */
    static ConfigProblem onlyProblem(String yaml, String... overrides) {
        List<ConfigProblem> problems = problems(yaml, overrides);
        if (problems.size() != 1) {
            throw new AssertionError("expected one problem, got " + problems.size() + ":\n" + problems);
        }
        return problems.get(0);
    }
}
