package dev.rill.engine;

import dev.rill.config.CellType;
import dev.rill.config.CharCnnConfig;
import dev.rill.config.ModelConfig;
import dev.rill.config.Pooling;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sentence padded to a longer one's length must be tagged exactly as it is alone: the forward
 * direction reads padding after its last word, and a bidirectional layer's backward direction
 * reads it before the first, so both must ignore masked steps.
 */
class TaggerPaddingTest {

    @ParameterizedTest(name = "{0} bidirectional={1} chars={2}")
    @CsvSource({"LSTM,false,false", "LSTM,true,false", "GRU,false,false", "GRU,true,false", "RNN,true,false",
            "LSTM,true,true", "GRU,false,true"})
    void a_padded_sentence_gets_the_outputs_it_gets_alone(CellType cell, boolean bidirectional, boolean chars) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Vocabulary words = Vocabulary.of(List.of("a", "b", "c", "d", "e"));
        WordFeatures features = new WordFeatures(words, chars ? Vocabulary.of(List.of("a", "b", "c", "d", "e")) : null, false, 3);
        ModelConfig m = TestConfigs.model(cell, bidirectional, Pooling.LAST);
        ModelConfig model = new ModelConfig(m.embedding(), m.layers(), m.pooling(), m.outputDropout(), m.weightInit(),
                chars ? new CharCnnConfig(4, 5, 3, 3) : null);
        MultiLayerNetwork net = NetworkFactory.tagger(model, TestConfigs.training(0, 2, 1), features, 4);
        WordFeatures.TaggerInput shortOne = features.encode(List.of("a", "c", "b"));
        WordFeatures.TaggerInput longOne = features.encode(List.of("e", "d", "a", "b", "c", "d", "e"));

        TaggingBatch.Inputs alone = TaggingBatch.inputs(List.of(shortOne), new int[] {0}, features.channels());
        INDArray expected = net.output(alone.features(), false, alone.mask(), null);
        TaggingBatch.Inputs padded = TaggingBatch.inputs(List.of(shortOne, longOne), new int[] {0, 1}, features.channels());
        INDArray together = net.output(padded.features(), false, padded.mask(), null);
        INDArray actual = together.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));

        assertTrue(expected.equalsWithEps(actual, 1e-5), () -> "alone " + expected + "\npadded " + actual);
    }
}
