package dev.rill.inspect;

import dev.rill.config.RillConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkPlanTest {

    /** Parameter counts by the cells' equations, independent of DL4J's own counting. */
    static long embedding(long words, long width) {
        return words * width;
    }

    static long lstm(long in, long units) {
        return 4 * (in * units + units * units + units);       // input, forget, output gates and candidate; no peepholes
    }

    static long gru(long in, long units) {
        return 3 * (in * units + units * units + 2 * units);   // GruParamInitializer: W, RW and two biases for r, z, n
    }

    static long rnn(long in, long units) {
        return in * units + units * units + units;
    }

    static long dense(long in, long out) {
        return in * out + out;
    }

    @Test
    void lists_every_layer_with_its_parameters_and_shapes() {
        RillConfig cfg = InspectConfigs.noData("classification",
                "{embedding: 4, layers: [{cell: lstm, units: 5}, {cell: gru, units: 3, bidirectional: true}, {cell: rnn, units: 4}]}",
                "{batch_size: 7}");
        NetworkPlan plan = NetworkPlan.of(cfg, new NetworkSizes(10, 0, 3), 9);

        List<Long> expected = List.of(embedding(10, 4), lstm(4, 5), 2 * gru(5, 3), rnn(6, 4), dense(4, 3));
        assertEquals(expected, plan.layers().stream().map(NetworkPlan.LayerRow::params).toList());
        assertEquals(expected.stream().mapToLong(Long::longValue).sum(), plan.params());
        assertEquals(List.of("embedding 10 x 4", "lstm 5", "bidirectional gru 2 x 3", "rnn 4", "output softmax (scored at the last step)"),
                plan.layers().stream().map(NetworkPlan.LayerRow::kind).toList());
        assertEquals("[7, 1, 9] ids", plan.layers().get(0).input());
        assertEquals("[7, 6, 9]", plan.layers().get(2).output());
        assertEquals("[7, 3, 9]", plan.layers().get(4).output());
    }

    @Test
    void a_pooled_head_is_a_vector_per_example() {
        RillConfig cfg = InspectConfigs.noData("classification", "{embedding: 4, layers: [{cell: gru, units: 5}], pooling: mean}", "{batch_size: 2}");
        NetworkPlan plan = NetworkPlan.of(cfg, new NetworkSizes(10, 0, 2), 6);
        assertEquals("[2, 5]", plan.layers().get(2).output());
        assertEquals(0, plan.layers().get(2).params());
        assertEquals(dense(5, 2), plan.layers().get(3).params());
    }

    @Test
    void a_word_and_character_tagger_counts_the_character_cnn() {
        RillConfig cfg = InspectConfigs.noData("tagging",
                "{embedding: 6, layers: [{cell: lstm, units: 5}], char_cnn: {embedding: 3, filters: 4, width: 3, max_chars: 7}}", "{batch_size: 2}");
        NetworkPlan plan = NetworkPlan.of(cfg, new NetworkSizes(10, 20, 5), 6);
        long chars = 20 * 3 + 3 * 3 * 4 + 4; // character table, kernel (width x char dim x filters), bias
        assertEquals(List.of(embedding(10, 6) + chars, lstm(6 + 4, 5), dense(5, 5)),
                plan.layers().stream().map(NetworkPlan.LayerRow::params).toList());
        assertEquals("[2, 8, 6] ids", plan.layers().get(0).input());
        assertTrue(plan.layers().get(0).kind().startsWith("word+char CNN embedding"), plan.layers().get(0).kind());
    }

    @Test
    void memory_counts_parameters_gradients_adam_state_and_activations_that_grow_with_length() {
        RillConfig adam = InspectConfigs.noData("classification", "{embedding: 8, layers: [{cell: lstm, units: 16}]}", "{batch_size: 4}");
        MemoryEstimate m = NetworkPlan.of(adam, new NetworkSizes(50, 0, 2), 10).memory();
        long params = embedding(50, 8) + lstm(8, 16) + dense(16, 2);
        assertEquals(4 * params, m.paramBytes());
        assertEquals(4 * params, m.gradientBytes());
        assertEquals(2 * 4 * params, m.updaterBytes());
        MemoryEstimate longer = NetworkPlan.of(adam, new NetworkSizes(50, 0, 2), 20).memory();
        assertEquals(2.0, longer.activationBytes() / (double) m.activationBytes(), 1e-9);
        assertTrue(longer.reportBytes() > m.reportBytes());
        assertEquals(Math.max(m.countBytes(), m.reportBytes()), m.bytes());

        RillConfig sgd = InspectConfigs.noData("classification", "{embedding: 8, layers: [{cell: lstm, units: 16}]}",
                "{batch_size: 4, optimizer: {type: sgd, learning_rate: 0.1}}");
        assertEquals(0, NetworkPlan.of(sgd, new NetworkSizes(50, 0, 2), 10).memory().updaterBytes());
    }

    @Test
    void layers_without_a_dl4j_report_are_counted_instead() {
        RillConfig cfg = InspectConfigs.noData("classification", "{embedding: 8, layers: [{cell: rnn, units: 16}]}", "{batch_size: 4}");
        MemoryEstimate m = NetworkPlan.of(cfg, new NetworkSizes(50, 0, 2), 10).memory();
        assertEquals(2, m.reportedLayers());
        assertEquals(3, m.layers());
        assertTrue(m.reportBytes() > 0);
    }
}
