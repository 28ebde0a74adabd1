package dev.rill.config;

import static dev.rill.config.Fixtures.BASE;
import static dev.rill.config.Fixtures.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every single-value validation rule: the YAML, where the problem must be reported, its code, and
 * a part of the message that names the key and what was wrong. {@link Fixtures#BASE} fills lines
 * 1 and 2, so the section under test starts on line 3.
 */
class ValidationTest {

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // top level
                problem("task: classificaton\ndata: {corpus: sst2}\n", "1:7", "invalid-value",
                        "task must be one of classification, tagging, language_model, conditioned_generation, got 'classificaton' (did you mean 'classification'?)"),
                problem("task: [classification]\ndata: {corpus: sst2}\n", "1:7", "wrong-type", "task must be one of classification, tagging"),
                problem("data: {corpus: sst2}\n", "1:1", "missing-key", "missing required key 'task'"),
                problem("task: tagging\n", "1:1", "missing-key", "missing required key 'data'"),
                problem(BASE + "modle: {}\n", "3:1", "unknown-key", "unknown key 'modle' at the top level (did you mean 'model'?)"),
                problem(BASE + "task: tagging\n", "3:1", "duplicate-key", "key 'task' is given twice"),
                problem(BASE + "model: [1]\n", "3:8", "wrong-type", "model must be a mapping, found a list"),
                // data
                problem("task: tagging\ndata: sst2\n", "2:7", "wrong-type", "data must be a mapping, found the string 'sst2'"),
                problem("task: tagging\ndata: {}\n", "2:7", "missing-key", "data needs 'corpus' (a named corpus) or 'dir'"),
                problem("task: tagging\ndata:\n  format: conllu\n", "3:3", "missing-key", "data needs 'corpus'"),
                problem("task: tagging\ndata: {corpus: a, dir: b}\n", "2:24", "conflict", "data.corpus and data.dir are both set"),
                problem("task: tagging\ndata: {corpus: 5}\n", "2:16", "wrong-type", "data.corpus must be a string, found the integer 5"),
                problem("task: tagging\ndata: {corpus: a, format: csv}\n", "2:27", "invalid-value",
                        "data.format must be one of label_text_tsv, conllu, form_tag_tsv, plain_text, got 'csv'"),
                problem("task: tagging\ndata: {corpus: a, tokenizer: spacy}\n", "2:30", "invalid-value",
                        "data.tokenizer must be one of corenlp, char, whitespace, got 'spacy'"),
                problem("task: tagging\ndata: {corpus: a, lowercase: 'true'}\n", "2:30", "wrong-type",
                        "data.lowercase must be true or false, found the string 'true'"),
                problem("task: tagging\ndata: {corpus: a, vocab_size: 3}\n", "2:31", "out-of-range", "data.vocab_size must be >= 4, got 3"),
                problem("task: tagging\ndata: {corpus: a, min_frequency: 0}\n", "2:34", "out-of-range", "data.min_frequency must be >= 1, got 0"),
                problem("task: tagging\ndata: {corpus: a, max_length: -1}\n", "2:31", "out-of-range", "data.max_length must be >= 0, got -1"),
                problem("task: tagging\ndata: {corpus: a, limit: -5}\n", "2:26", "out-of-range", "data.limit must be >= 0, got -5"),
                problem("task: tagging\ndata: {corpus: a, dev_fraction: 0.5}\n", "2:33", "out-of-range", "data.dev_fraction must be"),
                problem("task: tagging\ndata:\n  corpus: a\n  dev_fraction: 0.1\n", "4:17", "conflict",
                        "data.dev_fraction holds part of train out as the dev split, but data.splits also names a dev file"),
                problem("task: tagging\ndata: {corpus: a, lmit: 5}\n", "2:19", "unknown-key", "unknown key 'lmit' in data (did you mean 'limit'?)"),
                problem("task: tagging\ndata:\n  corpus: a\n  splits: {dev: d.tsv}\n", "4:11", "missing-key", "data.splits needs a 'train' split"),
                problem("task: tagging\ndata:\n  corpus: a\n  splits: [a.tsv]\n", "4:11", "wrong-type", "data.splits must be a mapping, found a list"),
                problem("task: tagging\ndata:\n  corpus: a\n  splits: {train: 5}\n", "4:19", "wrong-type",
                        "data.splits.train must be a string, found the integer 5"),
                problem("task: tagging\ndata:\n  corpus: a\n  splits: {train: ''}\n", "4:19", "invalid-value",
                        "data.splits.train must name a file, got ''"),
                // model
                problem(BASE + "model: {embedding: 0}\n", "3:20", "out-of-range", "model.embedding must be >= 1, got 0"),
                problem(BASE + "model: {layers: {cell: lstm}}\n", "3:17", "wrong-type", "model.layers must be a list, found a mapping"),
                problem(BASE + "model: {layers: []}\n", "3:17", "invalid-value", "model.layers needs at least one layer"),
                problem(BASE + "model:\n  layers:\n    - lstm\n", "5:7", "wrong-type", "model.layers.0 must be a mapping, found the string 'lstm'"),
                problem(BASE + "model:\n  layers:\n    - {cell: lsmt}\n", "5:14", "invalid-value",
                        "model.layers.0.cell must be one of lstm, gru, rnn, got 'lsmt' (did you mean 'lstm'?)"),
                problem(BASE + "model:\n  layers:\n    - {units: 0}\n", "5:15", "out-of-range", "model.layers.0.units must be in [1, 65536], got 0"),
                problem(BASE + "model:\n  layers:\n    - {units: 65537}\n", "5:15", "out-of-range", "model.layers.0.units must be in [1, 65536], got 65537"),
                problem(BASE + "model:\n  layers:\n    - {units: 5000000000}\n", "5:15", "out-of-range", "does not fit a 32-bit integer"),
                problem(BASE + "model:\n  layers:\n    - {units: 64}\n    - {unit: 64}\n", "6:8", "unknown-key",
                        "unknown key 'unit' in model.layers.1 (did you mean 'units'?)"),
                problem(BASE + "model:\n  layers:\n    - {bidirectional: 1}\n", "5:23", "wrong-type",
                        "model.layers.0.bidirectional must be true or false, found the integer 1"),
                problem(BASE + "model:\n  layers:\n    - {dropout: 1.0}\n", "5:17", "out-of-range", "model.layers.0.dropout must be in [0, 1), got 1.0"),
                problem(BASE + "model:\n  layers:\n    - {dropout: .nan}\n", "5:17", "out-of-range", "a finite number is needed"),
                problem(BASE + "model: {pooling: avg}\n", "3:18", "invalid-value", "model.pooling must be one of last, mean, max, got 'avg'"),
                problem(BASE + "model: {output_dropout: -0.5}\n", "3:25", "out-of-range", "model.output_dropout must be in [0, 1), got -0.5"),
                problem(BASE + "model: {weight_init: he}\n", "3:22", "invalid-value", "model.weight_init must be one of xavier, relu, uniform, normal, got 'he'"),
                problem("task: tagging\ndata: {corpus: a, tag_column: pos}\n", "2:31", "invalid-value", "data.tag_column must be one of upos, xpos, got 'pos'"),
                problem("task: tagging\ndata: {corpus: a}\nmodel:\n  char_cnn: {width: 4}\n", "4:21", "invalid-value",
                        "model.char_cnn.width must be odd"),
                problem("task: tagging\ndata: {corpus: a}\nmodel:\n  char_cnn: {filter: 4}\n", "4:14", "unknown-key",
                        "unknown key 'filter' in model.char_cnn (did you mean 'filters'?)"),
                problem("task: tagging\ndata: {corpus: a}\nmodel:\n  char_cnn: {max_chars: 0}\n", "4:25", "out-of-range",
                        "model.char_cnn.max_chars must be in [1, 200], got 0"),
                problem(BASE + "model:\n  char_cnn: {filters: 8}\n", "4:13", "conflict", "model.char_cnn builds a feature per word for task tagging"),
                problem("task: tagging\ndata: {corpus: a, format: label_text_tsv}\n", "2:27", "conflict",
                        "task tagging reads data.format conllu or form_tag_tsv, not label_text_tsv"),
                problem("task: language_model\ndata: {corpus: a, format: conllu}\n", "2:27", "conflict",
                        "task language_model reads data.format plain_text, not conllu"),
                problem("task: tagging\ndata: {corpus: a}\nmodel: {word_dropout: 1}\n", "3:23", "out-of-range", "model.word_dropout must be in [0, 1), got 1"),
                problem(BASE + "model: {word_dropout: 0.1}\n", "3:23", "conflict", "model.word_dropout applies to task tagging"),
                // training
                problem(BASE + "training:\n  epochz: 3\n", "4:3", "unknown-key",
                        "unknown key 'epochz' in training (did you mean 'epochs'?)"),
                problem(BASE + "training:\n  epochs: 1.5\n", "4:11", "wrong-type", "training.epochs must be an integer, found the number 1.5"),
                problem(BASE + "training:\n  epochs: 0\n", "4:11", "out-of-range", "training.epochs must be >= 1, got 0"),
                problem(BASE + "training:\n  batch_size: [32]\n", "4:15", "wrong-type", "training.batch_size must be an integer, found a list"),
                problem(BASE + "training:\n  batch_size:\n", "4:14", "wrong-type", "training.batch_size must be an integer, found null"),
                problem(BASE + "training:\n  optimizer: adam\n", "4:14", "wrong-type", "training.optimizer must be a mapping, found the string 'adam'"),
                problem(BASE + "training:\n  optimizer: {type: adamw}\n", "4:21", "invalid-value",
                        "training.optimizer.type must be one of adam, sgd, nesterovs, rmsprop, got 'adamw' (did you mean 'adam'?)"),
                problem(BASE + "training:\n  optimizer: {lr: 0.1}\n", "4:15", "unknown-key",
                        "unknown key 'lr' in training.optimizer"),
                problem(BASE + "training:\n  optimizer: {learning_rate: 0}\n", "4:30", "out-of-range",
                        "training.optimizer.learning_rate must be in (0, 10], got 0"),
                problem(BASE + "training:\n  optimizer: {learning_rate: 11}\n", "4:30", "out-of-range",
                        "training.optimizer.learning_rate must be in (0, 10], got 11"),
                problem(BASE + "training:\n  optimizer: {learning_rate: fast}\n", "4:30", "wrong-type",
                        "training.optimizer.learning_rate must be a number, found the string 'fast'"),
                problem(BASE + "training:\n  optimizer: {momentum: 1}\n", "4:25", "out-of-range", "training.optimizer.momentum must be in [0, 1), got 1"),
                problem(BASE + "training:\n  optimizer: {weight_decay: -0.1}\n", "4:29", "out-of-range",
                        "training.optimizer.weight_decay must be >= 0, got -0.1"),
                problem(BASE + "training:\n  gradient_clip: -1\n", "4:18", "out-of-range", "training.gradient_clip must be >= 0, got -1"),
                problem(BASE + "training:\n  tbptt: -1\n", "4:10", "out-of-range", "training.tbptt must be >= 0, got -1"),
                problem(BASE + "training:\n  seed: abc\n", "4:9", "wrong-type", "training.seed must be an integer, found the string 'abc'"),
                problem(BASE + "training:\n  seed: 99999999999999999999\n", "4:9", "out-of-range", "training.seed must fit a 64-bit integer"),
                problem(BASE + "training:\n  epochs: !!int many\n", "4:11", "invalid-value", "training.epochs must be an integer, got 'many'"),
                problem(BASE + "training:\n  gradient_clip: !!float big\n", "4:18", "invalid-value", "training.gradient_clip must be a number, got 'big'"),
                problem(BASE + "training:\n  log_every: 0\n", "4:14", "out-of-range", "training.log_every must be >= 1, got 0"),
                problem(BASE + "training:\n  early_stopping: {patience: 0}\n", "4:30", "out-of-range",
                        "training.early_stopping.patience must be >= 1, got 0"),
                problem(BASE + "training:\n  early_stopping: {min_delta: -0.1}\n", "4:31", "out-of-range",
                        "training.early_stopping.min_delta must be >= 0, got -0.1"),
                problem(BASE + "training:\n  early_stopping: {patiance: 2}\n", "4:20", "unknown-key",
                        "unknown key 'patiance' in training.early_stopping (did you mean 'patience'?)"),
                problem(BASE + "training:\n  early_stopping: 3\n", "4:19", "wrong-type",
                        "training.early_stopping must be a mapping, found the integer 3"),
                problem(BASE + "training:\n  lr_schedule: {type: linear}\n", "4:23", "invalid-value",
                        "training.lr_schedule.type must be one of constant, step, exponential, cosine, got 'linear'"),
                problem(BASE + "training:\n  lr_schedule: {type: step, every: 0}\n", "4:36", "out-of-range",
                        "training.lr_schedule.every must be >= 1, got 0"),
                problem(BASE + "training:\n  lr_schedule: {type: exponential, gamma: 1.5}\n", "4:43", "out-of-range",
                        "training.lr_schedule.gamma must be in (0, 1], got 1.5"),
                problem(BASE + "training:\n  lr_schedule: {type: step, gamma: 0}\n", "4:36", "out-of-range",
                        "training.lr_schedule.gamma must be in (0, 1], got 0"),
                problem(BASE + "training:\n  lr_schedule: {type: cosine, gamma: 0.5}\n", "4:38", "conflict",
                        "training.lr_schedule.gamma only applies to type step or exponential, but the type is cosine"),
                problem(BASE + "training:\n  lr_schedule: {every: 2}\n", "4:24", "conflict",
                        "training.lr_schedule.every only applies to type step, but the type is constant"),
                problem(BASE + "training:\n  lr_schedule: {type: step, evry: 2}\n", "4:29", "unknown-key",
                        "unknown key 'evry' in training.lr_schedule (did you mean 'every'?)"),
                problem(BASE + "training:\n  epochs: 3\n  lr_schedule: {type: cosine, warmup_epochs: 3}\n", "5:46", "conflict",
                        "training.lr_schedule.warmup_epochs must be fewer than training.epochs (3), got 3"),
                problem(BASE + "training:\n  optimizer: {learning_rate: 0.01}\n  lr_schedule: {type: cosine, min_lr: 0.1}\n", "5:39", "conflict",
                        "training.lr_schedule.min_lr must be at most training.optimizer.learning_rate (0.01), got 0.1"),
                problem(BASE + "training:\n  checkpoint_every: -1\n", "4:21", "out-of-range", "training.checkpoint_every must be >= 0, got -1"),
                problem("task: classification\ndata: {corpus: sst2, splits: {train: train.tsv}}\ntraining:\n  early_stopping: {patience: 2}\n",
                        "4:19", "conflict", "training.early_stopping watches the dev score, but the config has no dev split"),
                // output
                problem(BASE + "output:\n  dir: 5\n", "4:8", "wrong-type", "output.dir must be a string, found the integer 5"),
                problem(BASE + "output:\n  dri: x\n", "4:3", "unknown-key", "unknown key 'dri' in output (did you mean 'dir'?)"),
                // rules across sections
                problem("task: tagging\ndata: {corpus: a}\nmodel: {pooling: mean}\n", "3:18", "conflict",
                        "model.pooling: mean only applies to task classification, but task is tagging"),
                problem(BASE + "model: {pooling: max, layers: [{cell: gru}]}\ntraining: {tbptt: 20}\n", "3:18", "conflict",
                        "model.pooling: max needs the whole sequence, but training.tbptt: 20 cuts it into segments"),
                problem(BASE + "model:\n  layers:\n    - {units: 8, cell: gru}\n    - {bidirectional: true, cell: gru}\ntraining: {tbptt: 20}\n", "7:19", "conflict",
                        "a bidirectional layer (model.layers.1) needs the whole sequence; truncated BPTT cannot be used with it"),
                problem(BASE + "model:\n  layers:\n    - {cell: gru}\n    - {cell: rnn}\ntraining: {tbptt: 20}\n", "7:19", "conflict",
                        "cell: rnn (model.layers.1) cannot train with truncated BPTT"),
                problem(BASE + "model:\n  layers:\n    - {cell: rnn}\ntraining: {tbptt: 20}\n", "6:19", "conflict",
                        "cell: rnn (model.layers.0) cannot train with truncated BPTT"),
                // language models and their count-based baselines
                problem(LM + "model: {type: lstm}\n", "3:15", "invalid-value", "model.type must be one of rnn, markov, ngram, got 'lstm'"),
                problem(BASE + "model: {type: ngram}\n", "3:15", "conflict",
                        "model.type: ngram is a language-model baseline, but task is classification"),
                problem(LM + "model: {order: 5}\n", "3:16", "conflict",
                        "model.order applies to the count-based language models (model.type: markov or ngram), but model.type is rnn"),
                problem(LM + "model: {smoothing: 0.5}\n", "3:20", "conflict", "model.smoothing applies to the count-based language models"),
                problem(LM + "model: {type: markov, order: 3}\n", "3:30", "conflict",
                        "model.order is the n of model.type: ngram; a Markov chain (model.type: markov) is first order"),
                problem(LM + "model:\n  type: ngram\n  layers: [{cell: gru}]\n", "5:11", "conflict",
                        "model.layers describes a network, but model.type: ngram is counted from the text and has none"),
                problem(LM + "model: {type: markov, embedding: 16}\n", "3:34", "conflict", "model.embedding describes a network"),
                problem(LM + "model: {type: ngram, order: 0}\n", "3:29", "out-of-range", "model.order must be in [1, 16], got 0"),
                problem(LM + "model: {type: ngram, order: 17}\n", "3:29", "out-of-range", "model.order must be in [1, 16], got 17"),
                problem(LM + "model: {type: ngram, smoothing: 1.5}\n", "3:33", "out-of-range", "model.smoothing must be in [0, 1], got 1.5"),
                problem(LM + "model: {type: markov, smoothing: 0}\n", "3:34", "out-of-range", "model.smoothing must be > 0, got 0"),
                problem(LM + "training: {sequence_length: 0}\n", "3:29", "out-of-range", "training.sequence_length must be >= 1, got 0"),
                problem(LM + "model: {layers: [{cell: gru}]}\ntraining: {tbptt: 64}\n", "4:11", "conflict",
                        "training.sequence_length 100 is not a multiple of training.tbptt 64"),
                problem(LM + "model: {layers: [{cell: gru}]}\ntraining: {tbptt: 64, sequence_length: 200}\n", "4:40", "conflict",
                        "training.sequence_length 200 is not a multiple of training.tbptt 64"),
                problem(BASE + "training: {sequence_length: 200}\n", "3:29", "conflict",
                        "training.sequence_length cuts a language model's text stream into windows, but task is classification"),
                problem(LM + "model: {layers: [{cell: gru, bidirectional: true}]}\n", "3:45", "conflict",
                        "a bidirectional layer (model.layers.0) would read the token it has to predict"),
                problem(BASE + "model: {condition: first_step}\n", "3:20", "conflict",
                        "model.condition: first_step says where a generator reads its label; it applies to task conditioned_generation, but task is classification"),
                problem("task: conditioned_generation\ndata: {corpus: a}\nmodel: {condition: start}\n", "3:20", "invalid-value",
                        "model.condition must be one of every_step, first_step, got 'start'"),
                problem(LM + "model: {type: ngram, condition: every_step}\n", "3:33", "conflict", "model.condition describes a network"),
                problem("task: conditioned_generation\ndata: {corpus: a}\nmodel: {layers: [{cell: gru, bidirectional: true}]}\n", "3:45",
                        "conflict", "task conditioned_generation predicts each token from the ones before it"),
                problem("task: language_model\ndata: {corpus: a, max_length: 50}\n", "2:31", "conflict",
                        "data.max_length cuts examples, but task language_model reads each split as one stream of text"),
                problem("task: language_model\ndata: {corpus: a, splits: {train: t.txt}, dev_fraction: 0.1}\n", "2:57", "conflict",
                        "data.dev_fraction holds out examples, but task language_model reads each split as one stream of text"));
    }

    /** A valid language-model config on lines 1 and 2. */
    private static final String LM = "task: language_model\ndata: {corpus: a}\n";

    private static Arguments problem(String yaml, String lineColumn, String code, String messagePart) {
        return Arguments.of(yaml, lineColumn, code, messagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void rill_s_own_cells_train_with_truncated_bptt(String cell) throws Exception {
        RillConfig config = Fixtures.parse(BASE + "model:\n  layers:\n    - {cell: " + cell + "}\ntraining: {tbptt: 20}\n");
        assertEquals(20, config.training().tbptt());
    }

    @ParameterizedTest(name = "[{index}] {2}: {3}")
    @MethodSource("invalidConfigs")
    void invalid_value_is_reported_at_its_location_with_code_and_message(String yaml, String lineColumn, String code, String messagePart) {
        ConfigProblem problem = onlyProblem(yaml);

        assertEquals("c.yaml:" + lineColumn, problem.where().toString(), problem::toString);
        assertEquals(code, problem.code(), problem::toString);
        assertTrue(problem.message().contains(messagePart), () -> "message was: " + problem.message());
    }
}
