package dev.rill.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassificationMetricsTest {

    // gold:      0 0 0 1 1 2
    // predicted: 0 1 0 1 0 1
    private final ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b", "c"),
            new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 1, 0, 1, 0, 1});

    @Test
    void accuracy_counts_the_diagonal() {
        assertEquals(3.0 / 6, m.accuracy(), 1e-12);
    }

    @Test
    void per_class_scores_match_hand_computed_values() {
        assertEquals(2.0 / 3, m.precision(0), 1e-12); // predicted a: 3, right: 2
        assertEquals(2.0 / 3, m.recall(0), 1e-12);    // gold a: 3
        assertEquals(1.0 / 3, m.precision(1), 1e-12); // predicted b: 3, right: 1
        assertEquals(1.0 / 2, m.recall(1), 1e-12);
        assertEquals(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), m.f1(1), 1e-12);
    }

    @Test
    void a_class_never_predicted_scores_zero_not_nan() {
        assertEquals(0.0, m.precision(2));
        assertEquals(0.0, m.f1(2));
        assertEquals((2.0 / 3 + 0.4 + 0) / 3, m.macroF1(), 1e-12);
    }

    @Test
    void confusion_rows_are_gold_and_columns_predicted() {
        assertEquals(1, m.confusion()[2][1]);
        assertEquals(1, m.confusion()[1][0]);
        assertEquals(6, m.total());
    }
}
