/**
 * Text to token ids: tokenizers (CoreNLP behind the {@link dev.rill.text.Tokenizer} interface,
 * characters, white space), vocabularies, DataVec-based readers and length-bucketed batching.
 * Nothing here knows DL4J; the engine turns batches into tensors.
 */
package dev.rill.text;
