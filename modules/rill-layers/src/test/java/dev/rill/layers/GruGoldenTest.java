package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fixed weights and inputs through {@link GruLayer} against a step-by-step reference written with plain double
 * arrays straight from the equations in the {@link GruLayer} javadoc (gate order r, z, n; reset after the recurrent
 * product; separate recurrent bias).
 */
class GruGoldenTest {

    /** Same arithmetic in another order: only rounding differences are allowed. */
    static final double TOLERANCE = 1e-10;

    private static final int N_IN = 2;
    private static final int H = 3;
    private static final int MB = 2;
    private static final int T = 4;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    /** Deterministic, distinct, moderately sized values, so every weight and bias matters. */
    private static double value(int seed, int i, int j) {
        return 0.5 * Math.sin(1.3 * seed + 0.7 * i + 0.31 * j + 0.1 * i * j);
    }

    private static double[][] matrix(int seed, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = value(seed, i, j);
            }
        }
        return m;
    }

    private static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * Reference GRU. x[example][time][feature]; w [nIn][3H]; u [H][3H]; b, rb [3H]; mask[example][time] or null.
     * Returns out[example][time][unit].
     */
    static double[][][] reference(double[][][] x, double[][] w, double[][] u, double[] b, double[] rb, double[][] mask) {
        int mb = x.length;
        int tLen = x[0].length;
        int nIn = w.length;
        int h = u.length;
        double[][][] out = new double[mb][tLen][h];
        for (int e = 0; e < mb; e++) {
            double[] state = new double[h];
            for (int t = 0; t < tLen; t++) {
                double[] next = new double[h];
                for (int j = 0; j < h; j++) {
                    double[] xin = new double[3];   // x·W + b for gates r, z, n
                    double[] hin = new double[3];   // h·U + bR for gates r, z, n
                    for (int g = 0; g < 3; g++) {
                        xin[g] = b[g * h + j];
                        for (int k = 0; k < nIn; k++) {
                            xin[g] += x[e][t][k] * w[k][g * h + j];
                        }
                        hin[g] = rb[g * h + j];
                        for (int k = 0; k < h; k++) {
                            hin[g] += state[k] * u[k][g * h + j];
                        }
                    }
                    double r = sigmoid(xin[0] + hin[0]);
                    double z = sigmoid(xin[1] + hin[1]);
                    double n = Math.tanh(xin[2] + r * hin[2]);
                    next[j] = (1 - z) * n + z * state[j];
                    if (mask != null) {
                        next[j] *= mask[e][t];
                    }
                }
                state = next;
                out[e][t] = next.clone();
            }
        }
        return out;
    }

    private static MultiLayerNetwork goldenNet(RNNFormat format, double[][] w, double[][] u, double[] b, double[] rb) {
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(1).list()
                .layer(RecurrentTestSupport.gru(N_IN, H, format))
                .layer(RecurrentTestSupport.mseOut(H, 1, format))
                .build());
        net.init();
        GruLayer gru = (GruLayer) net.getLayer(0);
        gru.getParam(GruParamInitializer.WEIGHT_KEY).assign(Nd4j.createFromArray(w));             // [nIn, 3H]
        gru.getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY).assign(Nd4j.createFromArray(u));   // [H, 3H]
        gru.getParam(GruParamInitializer.BIAS_KEY).assign(Nd4j.createFromArray(new double[][] {b}));
        gru.getParam(GruParamInitializer.RECURRENT_BIAS_KEY).assign(Nd4j.createFromArray(new double[][] {rb}));
        return net;
    }

    private static double[][][] inputs() {
        double[][][] x = new double[MB][T][N_IN];
        for (int e = 0; e < MB; e++) {
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < N_IN; k++) {
                    x[e][t][k] = 1.5 * Math.cos(0.9 * e + 0.45 * t + 1.7 * k);
                }
            }
        }
        return x;
    }

    private static void assertMatches(double[][][] expected, INDArray actualNcw) {
        double maxDiff = 0;
        for (int e = 0; e < MB; e++) {
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < H; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[e][t][j] - actualNcw.getDouble(e, j, t)));
                }
            }
        }
        assertEquals(0.0, maxDiff, TOLERANCE);
    }

    @Test
    void outputs_match_hand_written_reference_for_fixed_weights() {
        double[][] w = matrix(1, N_IN, 3 * H);
        double[][] u = matrix(2, H, 3 * H);
        double[] b = matrix(3, 1, 3 * H)[0];
        double[] rb = matrix(4, 1, 3 * H)[0];
        double[][][] x = inputs();
        double[][][] expected = reference(x, w, u, b, rb, null);

        MultiLayerNetwork net = goldenNet(RNNFormat.NCW, w, u, b, rb);
        INDArray in = Nd4j.create(DataType.DOUBLE, MB, N_IN, T);   // [mb, nIn, T]
        for (int e = 0; e < MB; e++) {
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < N_IN; k++) {
                    in.putScalar(new int[] {e, k, t}, x[e][t][k]);
                }
            }
        }
        assertMatches(expected, net.feedForward(in, false).get(1));
        // Sanity: the outputs are not trivially small, so the tolerance is meaningful.
        assertEquals(true, Math.abs(expected[1][T - 1][0]) > 1e-2);
    }

    @Test
    void outputs_match_hand_written_reference_with_mask_and_nwc_format() {
        double[][] w = matrix(5, N_IN, 3 * H);
        double[][] u = matrix(6, H, 3 * H);
        double[] b = matrix(7, 1, 3 * H)[0];
        double[] rb = matrix(8, 1, 3 * H)[0];
        double[][][] x = inputs();
        double[][] mask = {{1, 1, 0, 1}, {1, 1, 1, 0}};
        double[][][] expected = reference(x, w, u, b, rb, mask);

        MultiLayerNetwork net = goldenNet(RNNFormat.NWC, w, u, b, rb);
        INDArray in = Nd4j.createFromArray(x);   // [mb, T, nIn]: NWC is exactly the reference's layout
        GruLayer gru = (GruLayer) net.getLayer(0);
        gru.setMaskArray(Nd4j.createFromArray(mask));
        INDArray outNwc = gru.activate(in, false, LayerWorkspaceMgr.noWorkspaces());   // [mb, T, H]
        assertMatches(expected, outNwc.permute(0, 2, 1));
    }
}
