package dev.rill.layers.kernel;

/**
 * The Java-heap scratch arrays of the kernels (gate activations, states, a step's rows): like {@link HostBuffer}s
 * they are kept between passes and only grow, so a training loop allocates nothing after its first minibatch.
 */
final class ScratchArrays {

    private ScratchArrays() {
    }

    /** {@code a} when it holds {@code length} elements, else a new array that does; contents are undefined after growing. */
    static double[] grow(double[] a, long length) {
        if (a.length >= length) {
            return a;
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a recurrent kernel array of " + length + " elements is too large;"
                    + " use smaller minibatches or shorter sequences");
        }
        return new double[(int) length];
    }
}
