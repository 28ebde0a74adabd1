/**
 * Building blocks for text generation: cutting one long token stream into minibatches whose rows
 * continue from one minibatch to the next (what truncated BPTT needs to carry state), choosing
 * the next token from a distribution (temperature, top-k, top-p, greedy), and the classical
 * sequence models that a recurrent language model has to beat (add-k Markov chain, interpolated
 * Kneser-Ney n-gram), scored in nats per token.
 */
package dev.rill.generate;
