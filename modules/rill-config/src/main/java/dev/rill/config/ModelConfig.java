package dev.rill.config;

import java.util.List;
import java.util.Objects;

/**
 * The network: token embedding, a stack of recurrent layers, and how a many-to-one task reads
 * the sequence out.
 *
 * <pre>
 * model:
 *   embedding: 128
 *   layers:
 *     - {cell: lstm, units: 128, bidirectional: false, dropout: 0.0}
 *   pooling: last       # last | mean | max (classification only; mean/max need tbptt: 0)
 *   output_dropout: 0.0 # dropout on the recurrent output before the softmax layer
 *   weight_init: xavier # xavier | relu | uniform | normal
 *   char_cnn:           # tagging: a character CNN feature per word, beside its embedding (absent = off)
 *     {embedding: 32, filters: 64, width: 3, max_chars: 20}
 *   word_dropout: 0.0   # tagging: share of training words read as &lt;unk&gt; (characters kept)
 * </pre>
 *
 * @param embedding     embedding size (&gt;= 1)
 * @param layers        recurrent layers, input side first (at least one)
 * @param pooling       how a classifier reduces the sequence to one vector
 * @param outputDropout drop probability before the output layer, in [0, 1)
 * @param weightInit    weight initialisation scheme for every layer
 * @param charCnn       character features per word, or {@code null} for word embeddings only
 * @param wordDropout   probability, in [0, 1), that a training word is read as {@code <unk>} for one minibatch (its
 *                      characters are kept), so the tagger learns what to do with words it has no embedding for
 */
public record ModelConfig(
        int embedding,
        List<LayerConfig> layers,
        Pooling pooling,
        double outputDropout,
        WeightInitKind weightInit,
        CharCnnConfig charCnn,
        double wordDropout) {

    public ModelConfig {
        layers = List.copyOf(layers);
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(weightInit, "weightInit");
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
