package dev.rill.serve;

import dev.rill.generate.GuidedStepper;

/**
 * How to generate, with the meanings of {@code dev.rill.generate.Sampler} (the distribution is
 * tempered, then cut to the top k ids, then to the top-p mass).
 *
 * @param length      tokens to generate, at least 1
 * @param temperature finite, {@code >= 0}; 0 is greedy
 * @param topK        {@code >= 0}; 0 keeps every token
 * @param topP        in {@code (0, 1]}; 1 keeps every token
 * @param seed        seeds the sampling: the same request with the same seed gives the same text
 * @param guidance    finite, {@code >= 0}: a conditioned generator's guidance towards its condition
 *                    ({@code dev.rill.generate.GuidedStepper}); 0 is off
 */
public record GenerationParams(int length, double temperature, int topK, double topP, long seed, double guidance) {

    /** Without guidance. */
    public GenerationParams(int length, double temperature, int topK, double topP, long seed) {
        this(length, temperature, topK, topP, seed, 0.0);
    }

    public GenerationParams {
        GuidedStepper.requireGuidance(guidance);
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, got " + length);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1] (1 = off), got " + topP);
        }
    }
}
