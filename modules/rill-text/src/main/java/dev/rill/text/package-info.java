/**
 * Text to token ids: tokenizers (CoreNLP behind the {@link dev.rill.text.Tokenizer} interface,
 * characters, white space), vocabularies, DataVec-based readers and length-bucketed batching.
 * Nothing here knows DL4J; the engine turns batches into tensors.
 *
 * <p>Tagging data: {@link dev.rill.text.ConlluReader} (CoNLL-U, UPOS or XPOS) and
 * {@link dev.rill.text.FormTagTsvReader} ({@code FORM<TAB>TAG} files) read
 * {@link dev.rill.text.TaggedSentence}s; {@link dev.rill.text.EntitySpans} turns BIO/IOBES tags
 * into entity spans and scores them.
 */
package dev.rill.text;
