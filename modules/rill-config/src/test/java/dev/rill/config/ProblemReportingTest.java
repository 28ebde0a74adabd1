package dev.rill.config;

import static dev.rill.config.Fixtures.BASE;
import static dev.rill.config.Fixtures.onlyProblem;
import static dev.rill.config.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole-file problems, how problems are collected, and how they are rendered. */
class ProblemReportingTest {

    @TempDir
    Path tmp;

    @Test
    void all_problems_are_collected_in_file_order() {
        List<ConfigProblem> problems = problems("""
                task: clasification
                data: {corpus: sst2}
                model:
                  layers:
                    - {cell: lsmt, units: 0}
                training:
                  epochz: 3
                  batch_size: 1.5
                """);

        assertEquals(List.of("c.yaml:1:7", "c.yaml:5:14", "c.yaml:5:27", "c.yaml:7:3", "c.yaml:8:15"),
                problems.stream().map(p -> p.where().toString()).toList());
        assertEquals(List.of("invalid-value", "invalid-value", "out-of-range", "unknown-key", "wrong-type"),
                problems.stream().map(ConfigProblem::code).toList());
    }

    @Test
    void exception_message_has_each_problem_on_its_own_line() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().parse(BASE + "training: {epochs: 0, batch_size: '8'}\n", Fixtures.SOURCE, List.of()));

        assertEquals(String.join(System.lineSeparator(),
                "c.yaml:3:20: error[out-of-range] training.epochs must be >= 1, got 0",
                "c.yaml:3:35: error[wrong-type] training.batch_size must be an integer, found the string '8'",
                "  hint: remove the quotes: a quoted value is always a string"), e.getMessage());
    }

    @Test
    void problem_renders_as_file_line_column_code_message_and_hint() {
        SourceLocation where = new SourceLocation("x.yaml", 3, 5);
        assertEquals("x.yaml:3:5", where.toString());
        assertEquals("x.yaml:3:5: error[unknown-key] bad", new ConfigProblem(where, "unknown-key", "bad", null).toString());
        assertEquals("x.yaml:3:5: error[unknown-key] bad" + System.lineSeparator() + "  hint: fix it",
                new ConfigProblem(where, "unknown-key", "bad", "fix it").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "---\n"})
    void empty_file_is_one_clear_problem(String yaml) {
        ConfigProblem problem = onlyProblem(yaml);

        assertEquals("c.yaml:1:1", problem.where().toString());
        assertEquals("empty-file", problem.code());
        assertTrue(problem.hint().contains("'task'") && problem.hint().contains("'data'"));
    }

    @Test
    void config_that_is_not_a_mapping_is_the_wrong_type() {
        ConfigProblem problem = onlyProblem("# sections\n- task: tagging\n");

        assertEquals("c.yaml:2:1", problem.where().toString());
        assertEquals("wrong-type", problem.code());
        assertTrue(problem.message().contains("must be a mapping of sections"), problem::toString);
        assertTrue(problem.message().endsWith("found a list"), problem::toString);
    }

    @Test
    void yaml_syntax_error_is_reported_where_snakeyaml_found_it() {
        ConfigProblem problem = onlyProblem("task: tagging\ndata:\n  corpus: sst2\n   dir: x\n");

        assertEquals("yaml-syntax", problem.code());
        assertEquals("c.yaml:4:7", problem.where().toString());
        assertTrue(problem.message().contains("mapping values are not allowed here"), problem::toString);
    }

    @Test
    void tab_indentation_is_a_yaml_syntax_error() {
        ConfigProblem problem = onlyProblem(BASE + "training:\n\tepochs: 3\n");

        assertEquals("yaml-syntax", problem.code());
        assertEquals("c.yaml:4:1", problem.where().toString());
    }

    @Test
    void yes_is_not_accepted_as_a_boolean() {
        ConfigProblem problem = onlyProblem("task: tagging\ndata: {corpus: a, lowercase: yes}\n");

        assertEquals("wrong-type", problem.code());
        assertEquals("data.lowercase must be true or false, found 'yes'", problem.message());
        assertTrue(problem.hint().contains("yes/no/on/off"));
    }

    @Test
    void quoted_number_gets_a_hint_to_remove_the_quotes() {
        ConfigProblem problem = onlyProblem(BASE + "training: {epochs: \"5\"}\n");

        assertEquals("training.epochs must be an integer, found the string '5'", problem.message());
        assertEquals("remove the quotes: a quoted value is always a string", problem.hint());
    }

    @Test
    void missing_file_is_reported_at_its_first_line() {
        Path file = tmp.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(file, List.of()));

        ConfigProblem problem = e.problems().get(0);
        assertEquals(1, e.problems().size());
        assertEquals(new SourceLocation(file.toString(), 1, 1), problem.where());
        assertEquals("missing-file", problem.code());
        assertTrue(problem.message().contains(file.toString()));
    }

    @Test
    void directory_instead_of_file_is_unreadable() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(tmp, List.of()));

        assertEquals("unreadable-file", e.problems().get(0).code());
        assertEquals(new SourceLocation(tmp.toString(), 1, 1), e.problems().get(0).where());
    }

    @Test
    void invalid_utf8_is_unreadable() throws IOException {
        Path file = tmp.resolve("latin1.yaml");
        Files.write(file, new byte[] {'t', 'a', 's', 'k', ':', ' ', (byte) 0xE9, '\n'});

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(file, List.of()));

        assertEquals("unreadable-file", e.problems().get(0).code());
        assertTrue(e.problems().get(0).message().contains("UTF-8"));
    }

    @Test
    void file_is_read_as_utf8_and_named_in_locations() throws IOException {
        Path file = tmp.resolve("utf8.yaml");
        Files.writeString(file, "# für Sätze\ntask: tagging\ndata: {corpus: sst2}\ntraining: {epochs: 0}\n");

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(file, List.of()));

        assertEquals(file + ":4:20", e.problems().get(0).where().toString());
    }

    @Test
    void text_without_source_is_located_in_config() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().parse("task: tagging\n", null, List.of()));

        assertEquals("<config>:1:1", e.problems().get(0).where().toString());
    }
}
