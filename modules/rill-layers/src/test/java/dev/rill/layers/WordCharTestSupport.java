package dev.rill.layers;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Input packing and small configurations shared by the {@link WordCharEmbeddingLayer} tests. */
final class WordCharTestSupport {

    private WordCharTestSupport() {
    }

    /** A step: word id and its character ids (left-aligned, without padding zeros). */
    record Step(int word, int... chars) {
    }

    /** A padding step: word id 0, no characters. */
    static final Step PAD = new Step(0);

    /**
     * Packs steps into the layer's input [mb, 1 + maxChars, T] (NCW): channel 0 the word id, channels 1.. the
     * character ids, zeros after them. Every sentence must have T steps (use {@link #PAD}).
     */
    static INDArray pack(Step[][] sentences, int maxChars, DataType type) {
        int mb = sentences.length;
        int tLen = sentences[0].length;
        INDArray in = Nd4j.zeros(type, mb, 1 + maxChars, tLen);   // [mb, 1 + maxChars, T]
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < tLen; t++) {
                Step s = sentences[i][t];
                in.putScalar(new long[] {i, 0, t}, s.word());
                for (int k = 0; k < s.chars().length; k++) {
                    in.putScalar(new long[] {i, 1 + k, t}, s.chars()[k]);
                }
            }
        }
        return in;
    }

    /** Mask [mb, T]: 1 for real steps, 0 for {@link #PAD} steps (compared by identity). */
    static INDArray maskOf(Step[][] sentences, DataType type) {
        INDArray mask = Nd4j.zeros(type, sentences.length, sentences[0].length);   // [mb, T]
        for (int i = 0; i < sentences.length; i++) {
            for (int t = 0; t < sentences[i].length; t++) {
                mask.putScalar(i, t, sentences[i][t] == PAD ? 0.0 : 1.0);
            }
        }
        return mask;
    }

    /** A small layer config; sizes chosen so that every dimension differs (catches transposed shapes). */
    static WordCharEmbeddingConfig.Builder small(int width) {
        return new WordCharEmbeddingConfig.Builder().nWords(6).wordDim(3).nChars(7).charDim(2).filters(4)
                .width(width).maxChars(5);
    }

    static MultiLayerNetwork init(MultiLayerNetwork net) {
        net.init();
        return net;
    }
}
