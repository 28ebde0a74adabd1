package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way to misconfigure WordCharEmbedding fails when the configuration is built, saying what to do instead. */
class WordCharEmbeddingConfigValidationTest {

    private static void assertRejected(Executable build, String... parts) {
        DL4JInvalidConfigException e = assertThrows(DL4JInvalidConfigException.class, build);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    static Stream<Arguments> badBuilders() {
        return Stream.of(
                bad(b -> b.width(4), "width must be odd and >= 1", "got 4"),
                bad(b -> b.width(0), "width must be odd and >= 1", "got 0"),
                bad(b -> b.nWords(0), "nWords must be >= 1, got 0 (not set?)"),
                bad(b -> b.wordDim(-2), "wordDim must be >= 1, got -2"),
                bad(b -> b.nChars(1), "nChars must be >= 2, got 1"),
                bad(b -> b.charDim(0), "charDim must be >= 1"),
                bad(b -> b.filters(0), "filters must be >= 1"),
                bad(b -> b.maxChars(0), "maxChars must be >= 1"),
                bad(b -> b.nWords(1 << 25), "nWords and nChars must be <= 16777216"),
                bad(b -> b.nIn(3), "nIn and nOut are derived", "nIn = 1 + maxChars = 6", "leave them unset"),
                bad(b -> b.nOut(9), "nOut = wordDim + filters = 7"),
                bad(b -> b.dropOut(0.5),
                        "does not take dropout", "dropOut on its builder", "Put dropout on the next layer"));
    }

    private static Arguments bad(UnaryOperator<WordCharEmbeddingConfig.Builder> change, String... messageParts) {
        return Arguments.of(change, List.of(messageParts));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badBuilders")
    void rejects_bad_builder_settings(UnaryOperator<WordCharEmbeddingConfig.Builder> change, List<String> messageParts) {
        assertRejected(() -> change.apply(WordCharTestSupport.small(3)).build(), messageParts.toArray(String[]::new));
    }

    @Test
    void valid_sizes_build() {
        WordCharTestSupport.small(1).build();
        WordCharTestSupport.small(7).maxChars(1).build();
    }

    @Test
    void rejects_network_wide_dropout_that_would_reach_the_layer() {
        assertRejected(() -> RecurrentTestSupport.gradientCheckBase(1).dropOut(0.5).list()
                        .layer(WordCharTestSupport.small(3).build())
                        .layer(RecurrentTestSupport.softmaxOut(7, 3, RNNFormat.NCW))
                        .build(),
                "does not take dropout", "network-wide dropOut", "Put dropout on the next layer");
    }

    @Test
    void rejects_input_types_other_than_ncw_ids_of_the_right_size() {
        for (InputType wrong : new InputType[] {InputType.feedForward(6), InputType.recurrent(4, 9),
                InputType.recurrent(6, 9, RNNFormat.NWC)}) {
            assertRejected(() -> RecurrentTestSupport.gradientCheckBase(1).list()
                            .layer(WordCharTestSupport.small(3).build())
                            .layer(RecurrentTestSupport.softmaxOut(7, 3, RNNFormat.NCW))
                            .setInputType(wrong)
                            .build(),
                    "expected recurrent NCW input of 1 + maxChars = 6 channels", "InputType.recurrent(6, T)");
        }
    }

    @Test
    void configuration_edited_after_build_is_checked_again_when_the_network_is_created() {
        MultiLayerConfiguration conf = RecurrentTestSupport.gradientCheckBase(1).list()
                .layer(WordCharTestSupport.small(3).build())
                .layer(RecurrentTestSupport.softmaxOut(7, 3, RNNFormat.NCW))
                .build();
        // As a JSON file edited by hand would be: setters do not validate on their own.
        String json = conf.toJson();
        MultiLayerConfiguration evenWidth = MultiLayerConfiguration.fromJson(
                json.replace("\"width\" : 3", "\"width\" : 2"));
        assertRejected(() -> new MultiLayerNetwork(evenWidth).init(), "width must be odd", "got 2");
        MultiLayerConfiguration resized = MultiLayerConfiguration.fromJson(
                json.replace("\"maxChars\" : 5", "\"maxChars\" : 4"));
        assertRejected(() -> new MultiLayerNetwork(resized).init(), "nIn must be 1 + maxChars = 5", "got nIn=6");
    }
}
