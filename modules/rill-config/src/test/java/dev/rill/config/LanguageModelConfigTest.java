package dev.rill.config;

import static dev.rill.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What language-model configs read: model types, their defaults, and the keys that only they use. */
class LanguageModelConfigTest {

    private static final String LM = "task: language_model\ndata: {corpus: tinyshakespeare, splits: {train: train.txt, val: val.txt}}\n";

    @Test
    void a_network_is_the_default_model_type() throws ConfigException {
        RillConfig config = parse(LM);
        assertEquals(ModelType.RNN, config.model().type());
        assertEquals(DataFormat.PLAIN_TEXT, config.data().format());
        assertEquals(TrainingConfig.DEFAULT_SEQUENCE_LENGTH, config.training().sequenceLength());
    }

    @Test
    void ngram_defaults_to_a_trigram_with_estimated_discounts() throws ConfigException {
        ModelConfig model = parse(LM + "model: {type: ngram}\n").model();
        assertEquals(ModelType.NGRAM, model.type());
        assertEquals(3, model.order());
        assertEquals(0.0, model.smoothing());
    }

    @Test
    void markov_is_first_order_with_add_one_smoothing_by_default() throws ConfigException {
        ModelConfig model = parse(LM + "model: {type: markov}\n").model();
        assertEquals(2, model.order());
        assertEquals(1.0, model.smoothing());
        assertEquals(0.01, parse(LM + "model: {type: markov, smoothing: 0.01}\n").model().smoothing());
    }

    @Test
    void counted_models_ignore_the_training_keys_of_networks() throws ConfigException {
        // tbptt with the default (LSTM) layer would be refused for a network; a count model has no layers.
        RillConfig config = parse(LM + "model: {type: ngram, order: 6}\ntraining: {tbptt: 20, epochs: 3}\n");
        assertEquals(6, config.model().order());
    }

    @Test
    void gru_with_tbptt_reads_windows_of_several_segments() throws ConfigException {
        TrainingConfig training = parse(LM + "model: {layers: [{cell: gru}]}\ntraining: {tbptt: 50, sequence_length: 200}\n").training();
        assertEquals(50, training.tbptt());
        assertEquals(200, training.sequenceLength());
    }

    @Test
    void a_model_type_can_be_set_from_the_command_line() throws ConfigException {
        assertEquals(ModelType.MARKOV, parse(LM, "model.type=markov").model().type());
    }
}
