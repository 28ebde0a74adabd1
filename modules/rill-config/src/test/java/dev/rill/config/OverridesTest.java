package dev.rill.config;

import static dev.rill.config.Fixtures.BASE;
import static dev.rill.config.Fixtures.onlyProblem;
import static dev.rill.config.Fixtures.parse;
import static dev.rill.config.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --set KEY=VALUE}: applied to the tree before binding, and located inside the argument. */
class OverridesTest {

    static final String WITH_LAYERS = BASE + "model:\n  layers:\n    - {cell: lstm, units: 32}\ntraining:\n  epochs: 9\n";

    @Test
    void override_replaces_a_value_from_the_file() throws Exception {
        assertEquals(1, parse(WITH_LAYERS, "training.epochs=1").training().epochs());
    }

    @Test
    void override_indexes_lists() throws Exception {
        assertEquals(64, parse(WITH_LAYERS, "model.layers.0.units=64").model().layers().get(0).units());
    }

    @Test
    void override_creates_missing_sections() throws Exception {
        RillConfig config = parse(BASE, "training.optimizer.learning_rate=0.1", "output.dir=elsewhere");

        assertEquals(0.1, config.training().optimizer().learningRate());
        assertEquals("elsewhere", config.output().dir());
    }

    @Test
    void override_fills_a_section_written_empty() throws Exception {
        assertEquals(3, parse(BASE + "training:\n", "training.epochs=3").training().epochs());
    }

    @Test
    void override_of_a_split_replaces_only_that_split() throws Exception {
        RillConfig config = parse("task: tagging\ndata:\n  corpus: a\n  splits: {train: t.tsv, dev: d.tsv}\n", "data.splits.train=x.tsv");

        assertEquals(Map.of("train", "x.tsv", "dev", "d.tsv"), config.data().splits());
    }

    @Test
    void override_value_is_yaml_so_a_whole_list_can_be_set() throws Exception {
        RillConfig config = parse(BASE, "model.layers=[{cell: gru, units: 8}, {units: 4, bidirectional: true}]");

        assertEquals(List.of(new LayerConfig(CellType.GRU, 8, false, 0.0), new LayerConfig(CellType.LSTM, 4, true, 0.0)),
                config.model().layers());
    }

    @Test
    void later_override_wins() throws Exception {
        assertEquals(7, parse(BASE, "training.epochs=2", "training.epochs=7").training().epochs());
    }

    @Test
    void value_may_contain_equals_signs() throws Exception {
        assertEquals("runs/a=b", parse(BASE, "output.dir=runs/a=b").output().dir());
    }

    @Test
    void overridden_value_is_located_in_the_argument() throws Exception {
        LoadedConfig loaded = new ConfigLoader().parse(WITH_LAYERS, Fixtures.SOURCE, List.of("training.epochs=1"));

        assertEquals(new SourceLocation("--set training.epochs=1", 1, 17), loaded.locate("training.epochs"));
        assertEquals(new SourceLocation("c.yaml", 5, 27), loaded.locate("model.layers.0.units"));
    }

    @Test
    void invalid_override_value_is_reported_at_the_value_in_the_argument() {
        ConfigProblem problem = onlyProblem(WITH_LAYERS, "training.epochs=abc");

        assertEquals("--set training.epochs=abc:1:17", problem.where().toString());
        assertEquals("wrong-type", problem.code());
        assertEquals("training.epochs must be an integer, found the string 'abc'", problem.message());
    }

    @Test
    void override_value_out_of_range_is_reported_like_the_file() {
        ConfigProblem problem = onlyProblem(WITH_LAYERS, "model.layers.0.units=0");

        assertEquals("--set model.layers.0.units=0:1:22", problem.where().toString());
        assertEquals("out-of-range", problem.code());
    }

    @Test
    void override_of_unknown_key_suggests_the_closest() {
        ConfigProblem problem = onlyProblem(BASE, "training.epochz=3");

        assertEquals("--set training.epochz=3:1:10", problem.where().toString());
        assertEquals("unknown-key", problem.code());
        assertEquals("unknown key 'epochz' in training (did you mean 'epochs'?)", problem.message());
    }

    @Test
    void override_of_unknown_section_suggests_the_closest() {
        ConfigProblem problem = onlyProblem(BASE, "trainng.epochs=3");

        assertEquals("--set trainng.epochs=3:1:1", problem.where().toString());
        assertEquals("unknown key 'trainng' at the top level (did you mean 'training'?)", problem.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "training.epochs                | 1:1  | has no '='",
            "=3                             | 1:1  | is not a dotted key path",
            "training..epochs=3             | 1:1  | is not a dotted key path",
            "model.layers.1.units=64        | 1:14 | cannot set model.layers.1: model.layers has 1 entry (0 to 0)",
            "model.layers.x.units=64        | 1:14 | cannot set model.layers.x: model.layers has 1 entry",
            "task.name=x                    | 1:6  | cannot set task.name: task is the string 'classification', not a mapping or list",
    })
    void malformed_override_is_invalid_override(String argument, String lineColumn, String messagePart) {
        ConfigProblem problem = onlyProblem(WITH_LAYERS, argument);

        assertEquals("--set " + argument + ":" + lineColumn, problem.where().toString());
        assertEquals("invalid-override", problem.code());
        assertTrue(problem.message().contains(messagePart), problem::toString);
    }

    @Test
    void index_into_a_list_not_in_the_file_says_to_set_the_whole_list() {
        ConfigProblem problem = onlyProblem(BASE, "model.layers.0.units=64");

        assertEquals("invalid-override", problem.code());
        assertEquals("--set model.layers.0.units=64:1:7", problem.where().toString());
        assertTrue(problem.hint().contains("model.layers=["), problem::toString);
    }

    @Test
    void override_with_yaml_syntax_error_is_located_in_the_value() {
        ConfigProblem problem = onlyProblem(BASE, "model.layers=[{units: 8}");

        assertEquals("yaml-syntax", problem.code());
        assertEquals("--set model.layers=[{units: 8}", problem.where().file());
    }

    @Test
    void problems_are_ordered_file_first_then_by_override() {
        List<ConfigProblem> problems = problems(BASE + "training: {epochs: 0}\n", "output.dri=x", "training.batch_size=0", "model.embedding=x");

        assertEquals(List.of("c.yaml", "--set output.dri=x", "--set training.batch_size=0", "--set model.embedding=x"),
                problems.stream().map(p -> p.where().file()).toList());
    }

    @Test
    void empty_override_value_is_null() {
        ConfigProblem problem = onlyProblem(BASE, "training.tbptt=");

        assertEquals("training.tbptt must be an integer, found null", problem.message());
        assertEquals("--set training.tbptt=:1:16", problem.where().toString());
    }

    @Test
    void conflict_introduced_by_an_override_is_located_in_it() {
        ConfigProblem problem = onlyProblem(BASE + "model:\n  layers: [{bidirectional: true, cell: gru}]\n", "training.tbptt=10");

        assertEquals("conflict", problem.code());
        assertEquals("--set training.tbptt=10:1:16", problem.where().toString());
    }
}
