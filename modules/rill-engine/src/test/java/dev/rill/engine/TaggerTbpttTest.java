package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.CharCnnConfig;
import dev.rill.config.LayerConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.OptimizerConfig;
import dev.rill.config.Pooling;
import dev.rill.config.TrainingConfig;
import dev.rill.config.WeightInitKind;
import dev.rill.text.LengthBuckets;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A unidirectional tagger trained with truncated BPTT (segments of 2 steps) learns tags that depend
 * on the previous word, also at the first step of each segment, where the previous word lies in the
 * segment before: only a state carried across segments (forward) and gradients through that state
 * within a segment make this learnable. Sentences of mixed lengths share batches, so masks and
 * segment cuts meet.
 */
class TaggerTbpttTest {

    @Test
    void a_gru_tagger_with_truncated_bptt_learns_a_dependency_across_segment_boundaries() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        List<String> names = List.of("a", "b", "c", "d");
        Vocabulary words = Vocabulary.of(names);
        WordFeatures features = new WordFeatures(words, Vocabulary.of(names), false, 2);
        ModelConfig model = new ModelConfig(8, List.of(new LayerConfig(CellType.GRU, 24, false, 0.0)), Pooling.LAST, 0.0,
                WeightInitKind.XAVIER, new CharCnnConfig(4, 4, 3, 2));
        TrainingConfig training = new TrainingConfig(1, 16, new OptimizerConfig(OptimizerConfig.OptimizerType.ADAM, 0.02, 0.9, 0.0),
                5.0, 2, 7L, 1000);
        MultiLayerNetwork net = NetworkFactory.tagger(model, training, features, 4);

        Random rng = new Random(3);
        List<WordFeatures.TaggerInput> inputs = new ArrayList<>();
        List<int[]> tags = new ArrayList<>();
        for (int s = 0; s < 256; s++) {
            int n = 3 + rng.nextInt(8);
            List<String> sentence = new ArrayList<>();
            int[] row = new int[n];
            int previous = 0;   // "no previous word" is tag 0
            for (int i = 0; i < n; i++) {
                int w = rng.nextInt(names.size());
                sentence.add(names.get(w));
                row[i] = previous;
                previous = w;
            }
            inputs.add(features.encode(sentence));
            tags.add(row);
        }
        int[] lengths = inputs.stream().mapToInt(WordFeatures.TaggerInput::length).toArray();
        for (int epoch = 0; epoch < 25; epoch++) {
            for (int[] batch : LengthBuckets.shuffled(lengths, 16, rng)) {
                net.fit(TaggingBatch.dataSet(inputs, tags, batch, features.channels(), 4));
            }
        }

        int[][] predicted = new Tagger(net, features.channels()).predict(inputs, 32);
        long atSegmentStarts = 0;
        long rightAtSegmentStarts = 0;
        long right = 0;
        long total = 0;
        for (int s = 0; s < inputs.size(); s++) {
            for (int i = 0; i < tags.get(s).length; i++) {
                boolean ok = predicted[s][i] == tags.get(s)[i];
                right += ok ? 1 : 0;
                total++;
                if (i > 0 && i % 2 == 0) {
                    atSegmentStarts++;
                    rightAtSegmentStarts += ok ? 1 : 0;
                }
            }
        }
        double accuracy = (double) right / total;
        double boundary = (double) rightAtSegmentStarts / atSegmentStarts;
        assertTrue(accuracy > 0.95, "accuracy " + accuracy);
        assertTrue(boundary > 0.95, "accuracy at segment starts " + boundary);
    }
}
