package dev.rill.report;

import java.util.List;

/**
 * One {@code "kind":"epoch"} line of {@code metrics.jsonl}. Every field but {@code epoch} may be
 * absent ({@code null}); {@code devScore} is null without dev data.
 *
 * @param epoch          1-based epoch
 * @param trainLoss      mean training loss over the epoch
 * @param devMetric      name of the dev metric ({@code accuracy}, {@code nats_per_token}, ...)
 * @param devScore       dev score, higher is better (for language models the negative nats per token)
 * @param lr             learning rate at the end of the epoch
 * @param seconds        wall time of the epoch
 * @param tokensPerS     training throughput
 * @param devPerplexity  language models: dev perplexity
 * @param samples        language models: text generated after the epoch, empty otherwise
 */
record EpochPoint(int epoch, Double trainLoss, String devMetric, Double devScore, Double lr, Double seconds,
                  Double tokensPerS, Double devPerplexity, List<String> samples) {

    EpochPoint {
        samples = List.copyOf(samples);
    }
}
