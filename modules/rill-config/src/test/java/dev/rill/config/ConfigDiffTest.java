package dev.rill.config;

import static dev.rill.config.Fixtures.BASE;
import static dev.rill.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void a_default_written_out_is_no_difference() throws Exception {
        assertEquals(List.of(), ConfigDiff.between(parse(BASE), parse(BASE + "training: {epochs: 5, seed: 42}\n")));
    }

    @Test
    void names_each_changed_path_with_both_values() throws Exception {
        RillConfig before = parse(BASE + "model:\n  layers: [{units: 8}]\n");
        RillConfig after = parse(BASE + "model:\n  layers: [{units: 16}]\ntraining: {epochs: 7}\n");

        assertEquals(List.of("model.layers.0.units: 8 -> 16", "training.epochs: 5 -> 7"), ConfigDiff.between(before, after));
    }

    @Test
    void keys_only_one_side_has_are_shown_as_absent() throws Exception {
        RillConfig before = parse(BASE);
        RillConfig after = parse(BASE + "training: {early_stopping: {patience: 2}}\n");

        assertEquals(List.of("training.early_stopping.patience: (absent) -> 2", "training.early_stopping.min_delta: (absent) -> 0.0"),
                ConfigDiff.between(before, after));
    }
}
