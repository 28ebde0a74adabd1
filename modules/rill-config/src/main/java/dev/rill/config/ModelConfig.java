package dev.rill.config;

import java.util.List;
import java.util.Objects;

/**
 * The model: for {@code type: rnn} (the default) a network of token embedding, a stack of recurrent
 * layers, and how a many-to-one task reads the sequence out; for the count-based language-model
 * baselines ({@code markov}, {@code ngram}) the order and smoothing of the counts.
 *
 * <pre>
 * model:
 *   type: rnn           # rnn | markov | ngram (markov and ngram: task language_model only)
 *   embedding: 128
 *   layers:
 *     - {cell: lstm, units: 128, bidirectional: false, dropout: 0.0}
 *   pooling: last       # last | mean | max (classification only; mean/max need tbptt: 0)
 *   output_dropout: 0.0 # dropout on the recurrent output before the softmax layer
 *   weight_init: xavier # xavier | relu | uniform | normal
 *   char_cnn:           # tagging: a character CNN feature per word, beside its embedding (absent = off)
 *     {embedding: 32, filters: 64, width: 3, max_chars: 20}
 *   word_dropout: 0.0   # tagging: share of training words read as &lt;unk&gt; (characters kept)
 *   order: 3            # ngram only: tokens in the longest n-gram (the next token depends on the last order-1)
 *   smoothing: 0.0      # markov: add-k pseudo-count k &gt; 0 (default 1.0); ngram: Kneser-Ney discount in [0, 1], 0 = estimated per level
 *   condition: every_step # conditioned_generation: every_step | first_step (where the label is read)
 * </pre>
 * The network keys ({@code embedding}, {@code layers}, {@code pooling}, {@code output_dropout},
 * {@code weight_init}, {@code char_cnn}, {@code condition}) may not be written for {@code markov}/{@code ngram}, nor
 * {@code order}/{@code smoothing} for {@code rnn}; the record still holds their defaults.
 *
 * @param embedding     embedding size (&gt;= 1)
 * @param layers        recurrent layers, input side first (at least one)
 * @param pooling       how a classifier reduces the sequence to one vector
 * @param outputDropout drop probability before the output layer, in [0, 1)
 * @param weightInit    weight initialisation scheme for every layer
 * @param charCnn       character features per word, or {@code null} for word embeddings only
 * @param wordDropout   probability, in [0, 1), that a training word is read as {@code <unk>} for one minibatch (its
 *                      characters are kept), so the tagger learns what to do with words it has no embedding for
 * @param type          network or count-based baseline
 * @param order         n of an n-gram model ({@link ModelType#NGRAM}), in [1, 16]; 2 for a Markov chain, 0 for a network
 * @param smoothing     add-k pseudo-count ({@link ModelType#MARKOV}), or Kneser-Ney discount with 0 = estimated
 *                      ({@link ModelType#NGRAM}); 0 for a network
 * @param condition     where a conditioned generator reads its label; {@link ConditionInput#FIRST_STEP} only with
 *                      {@code task: conditioned_generation}. A saved generator's network says how it was built (its
 *                      embedding reads conditions or not), and loading goes by the network: bundles from before this
 *                      key read their label at the first step only, whatever their stored config defaults to.
 */
public record ModelConfig(
        int embedding,
        List<LayerConfig> layers,
        Pooling pooling,
        double outputDropout,
        WeightInitKind weightInit,
        CharCnnConfig charCnn,
        double wordDropout,
        ModelType type,
        int order,
        double smoothing,
        ConditionInput condition) {

    public ModelConfig {
        layers = List.copyOf(layers);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(type, "type");
    }

    /** A network ({@code type: rnn}). */
    public ModelConfig(int embedding, List<LayerConfig> layers, Pooling pooling, double outputDropout, WeightInitKind weightInit,
                       CharCnnConfig charCnn, double wordDropout) {
        this(embedding, layers, pooling, outputDropout, weightInit, charCnn, wordDropout, ModelType.RNN, 0, 0.0, ConditionInput.EVERY_STEP);
    }

    /** Without character features. */
    public ModelConfig(int embedding, List<LayerConfig> layers, Pooling pooling, double outputDropout, WeightInitKind weightInit) {
        this(embedding, layers, pooling, outputDropout, weightInit, null, 0.0);
    }

    /** Without word dropout. */
    public ModelConfig(int embedding, List<LayerConfig> layers, Pooling pooling, double outputDropout, WeightInitKind weightInit,
                       CharCnnConfig charCnn) {
        this(embedding, layers, pooling, outputDropout, weightInit, charCnn, 0.0);
    }

    /** Width of the vector per token that enters the first recurrent layer. */
    public int inputWidth() {
        return embedding + (charCnn == null ? 0 : charCnn.filters());
    }
}
