/**
 * Building blocks for text generation: cutting one long token stream into minibatches whose rows
 * continue from one minibatch to the next (what truncated BPTT needs to carry state), choosing
 * the next token from a distribution (temperature, top-k, top-p, greedy), and the classical
 * sequence models that a recurrent language model has to beat (add-k Markov chain, interpolated
 * Kneser-Ney n-gram), scored in nats per token.
 *
 * <p>Generation and scoring of trained models: a {@link dev.rill.generate.TokenStepper} reads a
 * text one token at a time and keeps its state ({@link dev.rill.generate.RecurrentStepper} through
 * {@code rnnTimeStep}, or a {@link dev.rill.generate.NextTokenModel}'s context);
 * {@link dev.rill.generate.TextGenerator} is the sampling loop on top of it, and
 * {@link dev.rill.generate.StreamScorer} scores a held-out stream with a network in parallel rows.
 */
package dev.rill.generate;
