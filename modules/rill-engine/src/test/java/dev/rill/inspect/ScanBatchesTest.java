package dev.rill.inspect;

import dev.rill.config.Pooling;
import dev.rill.corpus.CorpusStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanBatchesTest {

    @TempDir
    Path dir;

    @Test
    void measures_at_the_lag_the_examples_reach_even_with_fewer_examples_than_a_minibatch() throws Exception {
        // Lengths 3, 5, 6, 8, 9 tokens; minibatches of 32.
        Files.writeString(dir.resolve("train.tsv"), "0\ta b c\n1\ta b c d e\n0\ta b c d e f\n1\ta b c d e f g h\n0\ta b c d e f g h i\n");
        DataScan scan = DataScan.read(InspectConfigs.labelled(dir, "splits: {train: train.tsv}", "{embedding: 4, layers: [{cell: gru, units: 4}]}"),
                CorpusStore.fromEnvironment());
        ScanBatches batches = new ScanBatches(scan, 32, 1);
        // All five examples are needed for one minibatch: the shortest (3 tokens) reaches 2 steps back.
        assertEquals(2, batches.usableLag(30, 1));
        List<DataSet> one = batches.measurement(2, 1, Pooling.LAST);
        assertEquals(1, one.size());
        assertEquals(5, one.get(0).numExamples());
        // Only the examples longer than 5 tokens are measured 5 steps back.
        List<DataSet> longer = batches.measurement(5, 3, Pooling.LAST);
        assertEquals(1, longer.size());
        assertEquals(3, longer.get(0).numExamples());
        assertTrue(batches.training(4, Pooling.LAST).stream().allMatch(d -> d.numExamples() == 5));
    }
}
