package dev.rill.generate;

import java.util.Arrays;

/**
 * A {@link NextTokenModel} as a {@link TokenStepper}: it keeps the tokens read and asks the model
 * for the distribution given all of them (an n-gram model looks at the last {@code n - 1} only).
 */
final class ContextStepper implements TokenStepper {

    private final NextTokenModel model;
    private int[] history = new int[64];
    private int size;

    ContextStepper(NextTokenModel model) {
        this.model = model;
    }

    @Override
    public int vocabularySize() {
        return model.vocabularySize();
    }

    @Override
    public double[] read(int... tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("read needs at least one token");
        }
        if (size + tokens.length > history.length) {
            history = Arrays.copyOf(history, Math.max(2 * history.length, size + tokens.length));
        }
        System.arraycopy(tokens, 0, history, size, tokens.length);
        size += tokens.length;
        return model.nextDistribution(history, 0, size);
    }
}
