/**
 * The numerics of Rill's recurrent layers, free of DL4J's layer API: {@link dev.rill.layers.kernel.LstmKernel} and
 * {@link dev.rill.layers.kernel.GruKernel} run a whole sequence forward and backward.
 *
 * <p>The design, for CPU speed: time-major buffers ({@link dev.rill.layers.kernel.TimeMajorSequence}) so that each
 * step's rows are one BLAS operand and all steps together are one operand; products straight through CBLAS
 * ({@link dev.rill.layers.kernel.Blas}, {@link dev.rill.layers.kernel.Matrix}) with the input side of all steps and
 * the weight gradients of all steps done once, outside the time loop; the element-wise gate maths of a step in plain
 * Java over {@code double[]} ({@link dev.rill.layers.kernel.GateFunction}), because one JNI call into ND4J costs
 * more than the arithmetic of a small gate block; and buffers kept between passes, so the loop allocates nothing.
 */
package dev.rill.layers.kernel;
