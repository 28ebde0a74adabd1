/**
 * {@code rill serve}: trained bundles behind a JSON HTTP API ({@link dev.rill.serve.RillServer}) with
 * an OpenAPI description and a demo page. Requests are parsed and checked against
 * {@link dev.rill.serve.Limits} before a model runs; each request borrows a network copy of its own
 * ({@code CopyPool}) because DL4J networks are not thread-safe. Generation is behind
 * {@link dev.rill.serve.Generator}. No DL4J types here: models come through rill-engine's
 * {@code TrainedClassifier} and {@code TrainedTagger}.
 */
package dev.rill.serve;
