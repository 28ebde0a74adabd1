package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A tagger WordCharEmbedding → GRU → softmax trained with truncated BPTT (segments of 4 over sentences of up to 11
 * words, right-padded with a mask) on a task only the characters can solve for new words: tag 1 when the word is
 * capitalised. Test sentences consist of words never seen in training, given the unknown-word id, so a good score
 * shows that the character features generalise. Runs in single precision, the type real training uses.
 */
class WordCharEmbeddingTbpttTest {

    static final int STEPS = 11;
    static final int SEGMENT = 4;
    static final int BATCH = 16;
    static final int ITERATIONS = 40;
    static final double REQUIRED_ACCURACY = 0.9;

    static final int MAX_CHARS = 8;
    /** Character ids: 0 padding, 1..26 'a'..'z', 27..52 'A'..'Z'. */
    static final int N_CHARS = 53;
    /** Word ids: 0 padding, 1 unknown word, then the training words. */
    static final int UNKNOWN = 1;

    /** A word of 2..maxChars lowercase letters, capitalised with probability 1/2. */
    private static String randomWord(Random rng) {
        StringBuilder sb = new StringBuilder();
        int len = 2 + rng.nextInt(MAX_CHARS - 1);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rng.nextInt(26)));
        }
        return rng.nextBoolean() ? capitalised(sb.toString()) : sb.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static int charId(char ch) {
        return Character.isUpperCase(ch) ? 27 + (ch - 'A') : 1 + (ch - 'a');
    }

    /**
     * Sentences of 3..11 words drawn from {@code words}; word id = 2 + index, or {@link #UNKNOWN} with probability
     * {@code unknownRate} (always, when the words are unseen). Labels [mb, 2, T] one-hot of capitalisation.
     */
    private static DataSet batch(Random rng, List<String> words, double unknownRate, int mb) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, mb, 1 + MAX_CHARS, STEPS);   // [mb, 1 + maxChars, T]
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, 2, STEPS);               // [mb, 2, T]
        INDArray mask = Nd4j.zeros(DataType.FLOAT, mb, STEPS);               // [mb, T]
        for (int i = 0; i < mb; i++) {
            int len = 3 + rng.nextInt(STEPS - 2);
            for (int t = 0; t < len; t++) {
                int w = rng.nextInt(words.size());
                String word = words.get(w);
                x.putScalar(new long[] {i, 0, t}, rng.nextDouble() < unknownRate ? UNKNOWN : 2 + w);
                for (int k = 0; k < word.length(); k++) {
                    x.putScalar(new long[] {i, 1 + k, t}, charId(word.charAt(k)));
                }
                y.putScalar(new long[] {i, Character.isUpperCase(word.charAt(0)) ? 1 : 0, t}, 1.0);
                mask.putScalar(i, t, 1.0);
            }
        }
        return new DataSet(x, y, mask, mask);
    }

    @Test
    void tagger_trains_with_truncated_bptt_and_tags_unseen_words_by_their_characters() {
        Random rng = new Random(61);
        // The test is about new words, not new characters: every capital letter starts some training word
        // (a capital never seen in training keeps its random embedding). Half of the training steps get the
        // unknown-word id, as words outside a real vocabulary do, so the tagger learns to read the characters.
        List<String> train = new ArrayList<>();
        for (char first = 'a'; first <= 'z'; first++) {
            String word = capitalised(first + randomWord(rng).toLowerCase());
            train.add(word.substring(0, Math.min(word.length(), MAX_CHARS)));
        }
        while (train.size() < 300) {
            train.add(randomWord(rng));
        }
        List<String> unseen = new ArrayList<>();
        while (unseen.size() < 80) {
            String w = randomWord(rng);
            if (!train.contains(w)) {
                unseen.add(w);
            }
        }

        MultiLayerNetwork net = WordCharTestSupport.init(new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(62).dataType(DataType.FLOAT).updater(new Adam(0.02)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new WordCharEmbeddingConfig.Builder().nWords(2 + train.size()).wordDim(8).nChars(N_CHARS)
                        .charDim(8).filters(16).width(3).maxChars(MAX_CHARS).build())
                .layer(new GruLayerConfig.Builder().nIn(24).nOut(16).build())
                .layer(RecurrentTestSupport.softmaxOut(16, 2, RNNFormat.NCW))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(SEGMENT).tBPTTBackwardLength(SEGMENT)
                .build()));

        // One fit = three segments (4 + 4 + 3 steps), each with its own gradient.
        int[] gradients = {0};
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                gradients[0]++;
            }
        });
        DataSet probe = batch(new Random(63), train, 0.5, 64);
        double before = net.score(probe);
        for (int i = 0; i < ITERATIONS; i++) {
            net.fit(batch(rng, train, 0.5, BATCH));
        }
        assertEquals(3 * ITERATIONS, gradients[0]);
        double after = net.score(probe);

        DataSet test = batch(new Random(64), unseen, 1.0, 100);
        INDArray out = net.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null);   // [mb, 2, T]
        int correct = 0;
        int total = 0;
        for (int i = 0; i < 100; i++) {
            for (int t = 0; t < STEPS; t++) {
                if (test.getFeaturesMaskArray().getDouble(i, t) > 0) {
                    boolean predicted = out.getDouble(i, 1, t) > out.getDouble(i, 0, t);
                    correct += predicted == test.getLabels().getDouble(i, 1, t) > 0.5 ? 1 : 0;
                    total++;
                }
            }
        }
        double accuracy = (double) correct / total;
        System.out.printf("WordCharEmbedding capitalisation task (TBPTT %d): loss %.4f -> %.4f,"
                + " unseen-word accuracy %.3f%n", SEGMENT, before, after, accuracy);
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
        assertTrue(accuracy >= REQUIRED_ACCURACY, "unseen-word accuracy " + accuracy);
    }
}
