/**
 * Text to token ids: tokenizers (CoreNLP behind the {@link dev.rill.text.Tokenizer} interface,
 * characters, white space), vocabularies, DataVec-based readers and length-bucketed batching.
 * Nothing here knows DL4J; the engine turns batches into tensors.
 *
 * <p>Tagging data: {@link dev.rill.text.ConlluReader} (CoNLL-U, UPOS or XPOS) and
 * {@link dev.rill.text.FormTagTsvReader} ({@code FORM<TAB>TAG} files) read
 * {@link dev.rill.text.TaggedSentence}s; {@link dev.rill.text.EntitySpans} turns BIO/IOBES tags
 * into entity spans and scores them.
 *
 * <p>Language models: {@link dev.rill.text.PlainTextReader} reads a split whole (strict UTF-8) and
 * {@link dev.rill.text.RunningText} turns it into one token stream with line breaks as tokens, and
 * generated tokens back into text.
 */
package dev.rill.text;
