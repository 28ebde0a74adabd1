package dev.rill.layers;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a layer that gives every word of a sequence a word embedding concatenated with a character-level
 * representation (a one-layer character CNN with max-over-time pooling); {@link #instantiate} creates a
 * {@link WordCharEmbeddingLayer}, whose javadoc has the equations. Parameter layout: {@link
 * WordCharEmbeddingParamInitializer}.
 *
 * <p>Input, NCW, shape [minibatch, 1 + maxChars, T], float-valued ids: channel 0 is the word id in [0, nWords);
 * channels 1..maxChars are the word's character ids in [0, nChars), left-aligned, 0 = no character (padding; longer
 * words are cut by the caller). A step whose channels are all 0 is a padding step. Output, NCW, shape [minibatch,
 * wordDim + filters, T]: the word embedding, then the character features. So nIn = 1 + maxChars and
 * nOut = wordDim + filters; both are derived and need not be set.
 *
 * <pre>{@code
 * new WordCharEmbeddingConfig.Builder()
 *         .nWords(20000).wordDim(100)                 // word vocabulary and embedding size
 *         .nChars(120).charDim(25).maxChars(20)       // character vocabulary (id 0 = padding), size, characters kept
 *         .filters(50).width(3)                       // convolution: number of filters, odd window width
 *         .weightInit(WeightInit.NORMAL).build();
 * }</pre>
 *
 * <p>The layer takes no dropout: its input holds ids, and dropping ids is not what dropout means. Put dropout on
 * the next layer ({@code dropOut} of the recurrent layer after it drops this layer's output). Both a
 * {@code dropOut} on this builder and a network-wide {@code dropOut} that would reach this layer are rejected.
 * The character-feature activation is tanh unless set with {@code activation}; a network-wide activation does not
 * change it. Bias defaults to 0 ({@code biasInit}).
 *
 * <p>The class name is written into saved models and JSON configurations: never rename or move it.
 */
public class WordCharEmbeddingConfig extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** Ids travel as floats; integers above 2^24 are not exact in single precision. */
    static final int MAX_ID_COUNT = 1 << 24;

    /** Word vocabulary size: word ids are in [0, nWords). */
    private int nWords;
    /** Size of the word embedding. */
    private int wordDim;
    /** Character vocabulary size including the padding id 0: character ids are in [0, nChars). */
    private int nChars;
    /** Size of the character embedding. */
    private int charDim;
    /** Number of convolution filters, the size of the character features. */
    private int filters;
    /** Convolution window width in characters; odd, so the window is centred on a character. */
    private int width;
    /** Number of character channels in the input; characters beyond it were cut by the caller. */
    private int maxChars;

    /** For the builder. */
    protected WordCharEmbeddingConfig(Builder builder) {
        super(builder);
        this.nWords = builder.nWords;
        this.wordDim = builder.wordDim;
        this.nChars = builder.nChars;
        this.charDim = builder.charDim;
        this.filters = builder.filters;
        this.width = builder.width;
        this.maxChars = builder.maxChars;
        if (builder.getIDropout() != null) {
            throw new DL4JInvalidConfigException(dropoutMessage("dropOut on its builder"));
        }
        if ((builder.getNIn() != 0 && builder.getNIn() != 1L + maxChars)
                || (builder.getNOut() != 0 && builder.getNOut() != (long) wordDim + filters)) {
            throw new DL4JInvalidConfigException(name() + ": nIn and nOut are derived (nIn = 1 + maxChars = "
                    + (1L + maxChars) + ", nOut = wordDim + filters = " + ((long) wordDim + filters) + "), got nIn="
                    + builder.getNIn() + " nOut=" + builder.getNOut() + "; leave them unset");
        }
        this.nIn = 1L + maxChars;
        this.nOut = (long) wordDim + filters;
        validate();
    }

    /** For Jackson (JSON deserialization) only. */
    @SuppressWarnings("unused")
    private WordCharEmbeddingConfig() {
    }

    private String name() {
        return "WordCharEmbeddingConfig" + (layerName == null ? "" : " (layer \"" + layerName + "\")");
    }

    private String dropoutMessage(String where) {
        return name() + " does not take dropout (got " + where + "): its input holds word and character ids, not"
                + " features. Put dropout on the next layer instead, e.g. new GruLayerConfig.Builder().dropOut(p),"
                + " and set it per layer rather than network-wide";
    }

    /**
     * Checks every size; runs when built and again when instantiated, so a configuration read from JSON is checked
     * too.
     *
     * @throws DL4JInvalidConfigException naming the first bad setting and what it must be
     */
    public void validate() {
        requireAtLeast("nWords", nWords, 1);
        requireAtLeast("wordDim", wordDim, 1);
        requireAtLeast("nChars", nChars, 2);   // id 0 is padding: at least one real character
        requireAtLeast("charDim", charDim, 1);
        requireAtLeast("filters", filters, 1);
        requireAtLeast("maxChars", maxChars, 1);
        if (width < 1 || width % 2 == 0) {
            throw new DL4JInvalidConfigException(name() + ": width must be odd and >= 1 (a window centred on each"
                    + " character, e.g. 3), got " + width);
        }
        if (nWords > MAX_ID_COUNT || nChars > MAX_ID_COUNT) {
            throw new DL4JInvalidConfigException(name() + ": nWords and nChars must be <= " + MAX_ID_COUNT
                    + " (ids are passed as floats, exact only up to 2^24), got nWords=" + nWords + " nChars=" + nChars);
        }
        // The builder derives them; a JSON file edited by hand may not agree.
        if (nIn != 1L + maxChars || nOut != (long) wordDim + filters) {
            throw new DL4JInvalidConfigException(name() + ": nIn must be 1 + maxChars = " + (1L + maxChars)
                    + " and nOut wordDim + filters = " + ((long) wordDim + filters) + ", got nIn=" + nIn + " nOut="
                    + nOut);
        }
    }

    private void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new DL4JInvalidConfigException(name() + ": " + field + " must be >= " + min + ", got " + value
                    + (value == 0 ? " (not set?)" : ""));
        }
    }

    /**
     * Rejects dropout, which a network-wide {@code dropOut} on {@code NeuralNetConfiguration.Builder} would set here
     * when the network is built. Null (no dropout) is accepted.
     */
    @Override
    public void setIDropout(IDropout iDropout) {
        if (iDropout != null) {
            throw new DL4JInvalidConfigException(dropoutMessage("a network-wide dropOut, or dropout in JSON"));
        }
        super.setIDropout(null);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        validate();
        WordCharEmbeddingLayer ret = new WordCharEmbeddingLayer(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return WordCharEmbeddingParamInitializer.getInstance();
    }

    /** Checks that the input is recurrent NCW with 1 + maxChars channels. */
    private InputType.InputTypeRecurrent requireIdInput(int layerIndex, InputType inputType) {
        String expected = "expected recurrent NCW input of 1 + maxChars = " + (1L + maxChars)
                + " channels (word id, then character ids), e.g. InputType.recurrent(" + (1L + maxChars) + ", T)";
        if (!(inputType instanceof InputType.InputTypeRecurrent)) {
            throw new DL4JInvalidConfigException(name() + " at index " + layerIndex + ": " + expected + ", got "
                    + inputType);
        }
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
        if (r.getSize() != 1L + maxChars || r.getFormat() != RNNFormat.NCW) {
            throw new DL4JInvalidConfigException(name() + " at index " + layerIndex + ": " + expected + ", got "
                    + inputType);
        }
        return r;
    }

    /** InputType.recurrent(1 + maxChars, T) to InputType.recurrent(wordDim + filters, T), both NCW. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = requireIdInput(layerIndex, inputType);
        return InputType.recurrent(nOut, r.getTimeSeriesLength(), RNNFormat.NCW);
    }

    /** nIn is derived from maxChars: only checks that the input type agrees with it. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        requireIdInput(-1, inputType);
    }

    /** The input is used as it is: no preprocessor (FeedForwardLayer would flatten the sequence). */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        requireIdInput(-1, inputType);
        return null;
    }

    /**
     * Memory estimate in array elements per example (DL4J multiplies by minibatch and data type size), for the worst
     * case where every word has maxChars characters. Per step: the ids as read [1 + maxChars], the gathered
     * windows [maxChars * width * charDim], pre-activations and activations [2 maxChars * filters], the output rows
     * [nOut]; training adds the gradients of the windows and pre-activations and of the output [same sizes].
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long t = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
        long numParams = initializer().numParams(this);
        long updaterStateSize = getIUpdater() == null ? 0 : (long) getIUpdater().stateSize(numParams);
        long windows = (long) maxChars * width * charDim;
        long perStep = (1L + maxChars) + windows + 2L * maxChars * filters + nOut;
        long trainPerStep = perStep + windows + (long) maxChars * filters + nOut;
        return new LayerMemoryReport.Builder(layerName, WordCharEmbeddingConfig.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, t * perStep, 0, t * trainPerStep)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** @return word vocabulary size; word ids are in [0, nWords) */
    public int getNWords() {
        return nWords;
    }

    /** @param nWords word vocabulary size */
    public void setNWords(int nWords) {
        this.nWords = nWords;
    }

    /** @return size of the word embedding */
    public int getWordDim() {
        return wordDim;
    }

    /** @param wordDim size of the word embedding */
    public void setWordDim(int wordDim) {
        this.wordDim = wordDim;
    }

    /** @return character vocabulary size including the padding id 0 */
    public int getNChars() {
        return nChars;
    }

    /** @param nChars character vocabulary size including the padding id 0 */
    public void setNChars(int nChars) {
        this.nChars = nChars;
    }

    /** @return size of the character embedding */
    public int getCharDim() {
        return charDim;
    }

    /** @param charDim size of the character embedding */
    public void setCharDim(int charDim) {
        this.charDim = charDim;
    }

    /** @return number of convolution filters (size of the character features) */
    public int getFilters() {
        return filters;
    }

    /** @param filters number of convolution filters */
    public void setFilters(int filters) {
        this.filters = filters;
    }

    /** @return convolution window width in characters (odd) */
    public int getWidth() {
        return width;
    }

    /** @param width convolution window width in characters (odd) */
    public void setWidth(int width) {
        this.width = width;
    }

    /** @return number of character channels in the input */
    public int getMaxChars() {
        return maxChars;
    }

    /** @param maxChars number of character channels in the input */
    public void setMaxChars(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WordCharEmbeddingConfig) || !super.equals(o)) {
            return false;
        }
        WordCharEmbeddingConfig c = (WordCharEmbeddingConfig) o;
        return nWords == c.nWords && wordDim == c.wordDim && nChars == c.nChars && charDim == c.charDim
                && filters == c.filters && width == c.width && maxChars == c.maxChars;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof WordCharEmbeddingConfig;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hash(nWords, wordDim, nChars, charDim, filters, width, maxChars);
    }

    @Override
    public String toString() {
        return "WordCharEmbeddingConfig(super=" + super.toString() + ", nWords=" + nWords + ", wordDim=" + wordDim
                + ", nChars=" + nChars + ", charDim=" + charDim + ", filters=" + filters + ", width=" + width
                + ", maxChars=" + maxChars + ")";
    }

    /**
     * Builder for {@link WordCharEmbeddingConfig}. Required: {@link #nWords}, {@link #wordDim}, {@link #nChars},
     * {@link #charDim}, {@link #filters}, {@link #maxChars}; {@link #width} defaults to 3. From DL4J's layer builders:
     * {@code activation} (character features, default tanh), {@code weightInit}, {@code biasInit}, regularization,
     * updaters and {@code name}. {@code nIn}/{@code nOut} are derived; {@code dropOut} is rejected.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        private int nWords;
        private int wordDim;
        private int nChars;
        private int charDim;
        private int filters;
        private int width = 3;
        private int maxChars;

        /** Creates a builder whose character-feature activation is tanh and window width 3. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** @param nWords word vocabulary size: word ids are in [0, nWords) */
        public Builder nWords(int nWords) {
            this.nWords = nWords;
            return this;
        }

        /** @param wordDim size of the word embedding */
        public Builder wordDim(int wordDim) {
            this.wordDim = wordDim;
            return this;
        }

        /** @param nChars character vocabulary size including the padding id 0: ids are in [0, nChars) */
        public Builder nChars(int nChars) {
            this.nChars = nChars;
            return this;
        }

        /** @param charDim size of the character embedding */
        public Builder charDim(int charDim) {
            this.charDim = charDim;
            return this;
        }

        /** @param filters number of convolution filters, the size of the character features */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        /** @param width convolution window width in characters, odd (default 3) */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** @param maxChars number of character channels in the input (longer words were cut by the caller) */
        public Builder maxChars(int maxChars) {
            this.maxChars = maxChars;
            return this;
        }

        /** @throws DL4JInvalidConfigException for a missing or bad size, explicit nIn/nOut that disagree, dropout */
        @Override
        public WordCharEmbeddingConfig build() {
            return new WordCharEmbeddingConfig(this);
        }
    }
}
