package dev.rill.generate;

/**
 * A language model reading a text one token at a time: it keeps what it has read (a recurrent
 * network's state, or the tokens an n-gram model looks back on) and gives the distribution of the
 * token that follows. Generation reads the prompt once and then only each new token, so a step
 * costs the same however long the text already is.
 *
 * <p>A stepper holds the state of one text: it is not thread-safe, and concurrent generations each
 * need their own (see {@link RecurrentStepper} for networks).
 */
public interface TokenStepper {

    /** Ids are in {@code [0, vocabularySize())}. */
    int vocabularySize();

    /**
     * Reads {@code tokens} after everything read so far.
     *
     * @param tokens at least one id
     * @return {@code P(next | everything read)} for every id, summing to 1 (a new array)
     */
    double[] read(int... tokens);
}
