package dev.rill.layers.kernel;

/**
 * The activation functions the kernels implement. Loops are kept simple (no calls, no branches other than
 * min/max) so that HotSpot vectorizes them.
 */
enum GateFunctions implements GateFunction {

    /** σ(x) = 1 / (1 + e^−x). */
    SIGMOID {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = 1.0 / (1.0 + Math.exp(-a[i]));
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            sigmoidDerivative(y, yFrom, g, gFrom, len);
        }
    },

    /** tanh(x), through e^−2|x| (Math.tanh is a native call per element in Java 17). */
    TANH {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                double e = Math.exp(-2.0 * Math.abs(a[i]));
                double t = (1.0 - e) / (1.0 + e);
                a[i] = Math.copySign(t, a[i]);
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            tanhDerivative(y, yFrom, g, gFrom, len);
        }
    },

    /** σ(x) = (1 + tanh(x/2)) / 2 with the rational tanh of {@link #FAST_TANH}. */
    FAST_SIGMOID {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = 0.5 + 0.5 * rationalTanh(0.5 * a[i]);
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            sigmoidDerivative(y, yFrom, g, gFrom, len);
        }
    },

    /**
     * tanh(x) as a rational function of degree 13/6 on [−7.905, 7.905] and ±1 (as a float would round it) outside;
     * absolute error below 3e-7. Coefficients of Eigen's {@code generic_fast_tanh_float}.
     */
    FAST_TANH {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = rationalTanh(a[i]);
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            tanhDerivative(y, yFrom, g, gFrom, len);
        }
    },

    /** min(1, max(0, 0.2x + 0.5)), with ND4J's float constants so double networks agree with it exactly. */
    HARD_SIGMOID {
        private static final double SLOPE = 0.2f;
        private static final double SHIFT = 0.5f;

        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = Math.min(1.0, Math.max(0.0, SLOPE * a[i] + SHIFT));
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            for (int i = 0; i < len; i++) {
                double v = y[yFrom + i];
                g[gFrom + i] *= v > 0.0 && v < 1.0 ? SLOPE : 0.0;
            }
        }
    },

    /** x / (1 + |x|); its derivative 1 / (1 + |x|)² is (1 − |y|)². */
    SOFTSIGN {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = a[i] / (1.0 + Math.abs(a[i]));
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            for (int i = 0; i < len; i++) {
                double d = 1.0 - Math.abs(y[yFrom + i]);
                g[gFrom + i] *= d * d;
            }
        }
    },

    /** x. */
    IDENTITY {
        @Override
        public void apply(double[] a, int from, int len) {
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
        }
    },

    /** max(0, x). */
    RELU {
        @Override
        public void apply(double[] a, int from, int len) {
            for (int i = from; i < from + len; i++) {
                a[i] = Math.max(0.0, a[i]);
            }
        }

        @Override
        public void backprop(double[] y, int yFrom, double[] g, int gFrom, int len) {
            for (int i = 0; i < len; i++) {
                g[gFrom + i] *= y[yFrom + i] > 0.0 ? 1.0 : 0.0;
            }
        }
    };

    private static final double TANH_CLAMP = 7.90531110763549805;

    static double rationalTanh(double x) {
        double v = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP);
        double v2 = v * v;
        double p = v2 * -2.76076847742355e-16 + 2.00018790482477e-13;
        p = p * v2 + -8.60467152213735e-11;
        p = p * v2 + 5.12229709037114e-08;
        p = p * v2 + 1.48572235717979e-05;
        p = p * v2 + 6.37261928875436e-04;
        p = p * v2 + 4.89352455891786e-03;
        double q = v2 * 1.19825839466702e-06 + 1.18534705686654e-04;
        q = q * v2 + 2.26843463243900e-03;
        q = q * v2 + 4.89352518554385e-03;
        return v * p / q;
    }

    private static void sigmoidDerivative(double[] y, int yFrom, double[] g, int gFrom, int len) {
        for (int i = 0; i < len; i++) {
            double v = y[yFrom + i];
            g[gFrom + i] *= v * (1.0 - v);
        }
    }

    private static void tanhDerivative(double[] y, int yFrom, double[] g, int gFrom, int len) {
        for (int i = 0; i < len; i++) {
            double v = y[yFrom + i];
            g[gFrom + i] *= 1.0 - v * v;
        }
    }
}
