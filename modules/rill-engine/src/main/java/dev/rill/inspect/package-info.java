/**
 * Looking at a config before training it: {@link dev.rill.inspect.NetworkPlan} (the network layer by layer
 * and the memory training needs), {@link dev.rill.inspect.DataDoctor} (what is wrong or unusual in the data),
 * {@link dev.rill.inspect.GradientDiagnostics} (how far back the loss gradient reaches, per cell, and
 * whether gradient clipping is set sensibly).
 *
 * <p>Data is read through {@link dev.rill.inspect.DataScan}, which uses the training code's readers,
 * {@code TextPipeline}, {@code Vocabulary}, {@code WordFeatures} and {@code LabelSet}, so what is
 * reported is what training would see.
 */
package dev.rill.inspect;
