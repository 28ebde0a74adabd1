package dev.rill.inspect;

import dev.rill.config.Pooling;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/** Minibatches for {@link GradientDiagnostics}: real training examples, or random token ids. */
public interface GradientBatches {

    /** Where the batches come from, for the report. */
    String source();

    /**
     * The largest lag that {@code batches} full minibatches of examples can be measured at: an example of
     * {@code n} tokens has lags 0 .. n-1.
     *
     * @param wanted the lag asked for
     */
    int usableLag(int wanted, int batches);

    /**
     * Minibatches for measuring, every example longer than {@code lag} tokens.
     *
     * @param pooling the classifier head the labels are shaped for
     */
    List<DataSet> measurement(int lag, int batches, Pooling pooling);

    /** Minibatches to train a few steps on before measuring. */
    List<DataSet> training(int steps, Pooling pooling);
}
