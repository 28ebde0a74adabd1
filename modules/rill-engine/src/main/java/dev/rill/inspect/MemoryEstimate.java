package dev.rill.inspect;

import dev.rill.layers.GruLayerConfig;
import dev.rill.layers.WordCharEmbeddingConfig;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory for training one minibatch of {@code batch} examples and {@code length} steps, in bytes (float32).
 *
 * <p>Two estimates, and the larger is the one that counts ({@link #bytes()}):
 * <ul>
 *   <li><b>count</b>: parameters + their gradients + the updater's state (Adam: two arrays of the
 *       parameters' size) + the activations kept for backprop, per layer and time step (listed in
 *       {@link #keptPerStep}), + the activation gradients of the widest layer boundary;</li>
 *   <li><b>DL4J</b>: the sum of each layer's own {@code getMemoryReport} for training, with the true
 *       sequence length. These include each implementation's working buffers (an LSTM's gate arrays
 *       for every step, the GRU's time-major copies) that the count leaves out. Measured on this
 *       project's machine after a training step of an LSTM 128 classifier (batch 32, 800 steps), ND4J's
 *       workspaces held 220 MiB next to 41 MiB of parameters, gradients and Adam state (261 MiB); the
 *       reports said 279 MiB, the count 180 MiB; for the GRU 401 MiB measured, 341 MiB reported, 142 MiB
 *       counted. So the reports are the better guide where they exist. DL4J's SimpleRnn has none: the
 *       count stands in for it, with its per-step figure taken from the same measurement (223 MiB
 *       measured, 190 MiB counted). {@code MultiLayerConfiguration.getMemoryReport} itself is not used: it sizes every
 *       layer for one time step (see {@link NetworkPlan}).</li>
 * </ul>
 * Neither includes the JVM itself, the native libraries (about 70 MiB resident) or garbage not yet
 * collected: leave headroom.
 *
 * @param paramBytes      parameters
 * @param gradientBytes   parameter gradients (one flat array of the parameters' size)
 * @param updaterBytes    updater state
 * @param activationBytes activations kept for backprop and activation gradients (the count)
 * @param reportBytes     DL4J's per-layer reports summed, with the count for layers that have no report
 * @param reportedLayers  layers that had a DL4J report
 * @param layers          all layers
 */
public record MemoryEstimate(long paramBytes, long gradientBytes, long updaterBytes, long activationBytes, long reportBytes,
                             int reportedLayers, int layers) {

    private static final int FLOAT = 4;

    /**
     * What one layer contributes.
     *
     * @param layer  its configuration
     * @param input  its input type (with the true length)
     * @param output its output type
     * @param params its parameter count
     * @param report DL4J's report, or null
     */
    record LayerUse(Layer layer, InputType input, InputType output, long params, LayerMemoryReport report) {
    }

    static MemoryEstimate of(List<LayerUse> uses, long params, long updaterState, int batch, int length) {
        long keptPerStep = 3; // the input ids, the features mask and the label mask
        long widestBoundary = 0;
        long perExample = 0;
        Map<String, MemoryReport> reports = new LinkedHashMap<>();
        long unreportedBytes = 0;
        for (int i = 0; i < uses.size(); i++) {
            LayerUse u = uses.get(i);
            long kept = keptPerStep(u.layer(), u.input(), u.output());
            keptPerStep += kept;
            widestBoundary = Math.max(widestBoundary, width(u.input()) + width(u.output()));
            if (!(u.output() instanceof InputType.InputTypeRecurrent)) {
                perExample += 3 * width(u.output()); // a pooled vector, or a softmax with its labels
            }
            if (u.report() != null) {
                reports.put(i + "", u.report());
            } else {
                long state = updaterState * u.params() / Math.max(1, params);
                unreportedBytes += FLOAT * (2 * u.params() + state + kept * batch * length);
            }
        }
        long activations = FLOAT * ((keptPerStep + widestBoundary) * batch * length + perExample * batch);
        long reported = reports.isEmpty() ? 0 : new NetworkMemoryReport(reports, MultiLayerNetwork.class, "rill", uses.get(0).input())
                .getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
        return new MemoryEstimate(FLOAT * params, FLOAT * params, FLOAT * updaterState, activations, reported + unreportedBytes,
                reports.size(), uses.size());
    }

    /**
     * Floats per example and time step a layer keeps from its forward pass for backprop: its output and
     * what its backward pass reads besides (gate activations, cell states, character features).
     */
    static long keptPerStep(Layer layer, InputType input, InputType output) {
        long in = width(input);
        long out = width(output);
        if (!(output instanceof InputType.InputTypeRecurrent)) {
            return 0; // pooling and a last-step-only output keep nothing per step
        }
        long dropoutCopy = layer.getIDropout() != null ? in : 0;
        if (layer instanceof Bidirectional b) {
            long half = out / 2;
            return 2 * (keptPerStep(b.getFwd(), input, InputType.recurrent(half, length(output))) - half) + out + dropoutCopy;
        }
        if (layer instanceof LSTM) {
            return 7 * out + dropoutCopy;       // h, c, tanh(c) and the four gate activations
        }
        if (layer instanceof GruLayerConfig) {
            return 4 * out + dropoutCopy;       // h and the r, z, n gates
        }
        if (layer instanceof SimpleRnn) {
            // h and its pre-activation, plus the backward pass's working arrays: DL4J has no report for SimpleRnn,
            // and its workspaces were measured at about 8H floats per example and step (see the class comment).
            return 8 * out + dropoutCopy;
        }
        if (layer instanceof WordCharEmbeddingConfig w) {
            return out + (long) w.getMaxChars() * (w.getCharDim() + w.getFilters()); // characters' embeddings and convolutions
        }
        if (layer instanceof EmbeddingSequenceLayer) {
            return out;
        }
        if (layer instanceof RnnOutputLayer) {
            return 3 * out;                      // pre-softmax, softmax, labels
        }
        return out;
    }

    private static long width(InputType t) {
        return t instanceof InputType.InputTypeRecurrent r ? r.getSize() : t.arrayElementsPerExample();
    }

    private static long length(InputType t) {
        return ((InputType.InputTypeRecurrent) t).getTimeSeriesLength();
    }

    /** The count: parameters, gradients, updater state and activations. */
    public long countBytes() {
        return paramBytes + gradientBytes + updaterBytes + activationBytes;
    }

    /** The estimate that counts: the larger of the two. */
    public long bytes() {
        return Math.max(countBytes(), reportBytes);
    }

    /**
     * How much memory ND4J may use here: JavaCPP caps its off-heap arrays at {@code Pointer.maxBytes()}
     * (by default the JVM's {@code -Xmx}), and the machine has {@code availablePhysicalBytes} free.
     *
     * @param bytes  the limit
     * @param reason what sets it
     */
    public record Limit(long bytes, String reason) {

        /** The smaller of the two limits of this process. */
        public static Limit ofThisProcess() {
            long offHeap = Pointer.maxBytes();
            long free = Pointer.availablePhysicalBytes();
            if (offHeap > 0 && (free <= 0 || offHeap <= free)) {
                return new Limit(offHeap, "ND4J's off-heap limit (JavaCPP maxBytes, the JVM's -Xmx unless set)");
            }
            return new Limit(free, "free memory of this machine");
        }
    }

}
