package dev.rill.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Holds a seeded random share of the training examples out as a dev split, for corpora that ship
 * none (IMDB): model selection then never looks at test. The same seed and fraction give the same
 * split at training and at evaluation time.
 */
public final class DevHoldout {

    private DevHoldout() {
    }

    /**
     * The two parts.
     *
     * @param train what is left for training, in file order
     * @param dev   the held-out examples, in file order
     */
    public record Parts<T>(List<T> train, List<T> dev) {
    }

    /**
     * Splits {@code rows}: {@code round(fraction * size)} of them, drawn at random with {@code seed},
     * go to dev; both parts keep the file order.
     */
    public static <T> Parts<T> split(List<T> rows, double fraction, long seed) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
        }
        List<Integer> order = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] held = new boolean[rows.size()];
        int n = (int) Math.round(fraction * rows.size());
        for (int i = 0; i < n; i++) {
            held[order.get(i)] = true;
        }
        List<T> train = new ArrayList<>(rows.size() - n);
        List<T> dev = new ArrayList<>(n);
        for (int i = 0; i < rows.size(); i++) {
            (held[i] ? dev : train).add(rows.get(i));
        }
        return new Parts<>(List.copyOf(train), List.copyOf(dev));
    }
}
