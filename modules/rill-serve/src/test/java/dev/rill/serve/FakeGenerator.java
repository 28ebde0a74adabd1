package dev.rill.serve;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in {@link Generator} until language-model bundles can be served: words drawn with the
 * request's seed (same seed, same text), one per {@code pause}, so streaming is observable. It
 * records the parameters it was called with.
 */
final class FakeGenerator implements Generator {

    private static final String[] WORDS = {"the", "king", "rode", "north", "and", "sang", "of", "rivers", "stone", "light"};

    private final Duration pause;
    final List<GenerationParams> calls = new CopyOnWriteArrayList<>();

    FakeGenerator(Duration pause) {
        this.pause = pause;
    }

    /** The text a request with this seed and length gets. */
    static String expected(long seed, int length) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    @Override
    public void generate(String prompt, GenerationParams params, Consumer<String> onToken) {
        calls.add(params);
        Random r = new Random(params.seed());
        for (int i = 0; i < params.length(); i++) {
            sleep(pause);
            onToken.accept(" " + WORDS[r.nextInt(WORDS.length)]);
        }
    }

    static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The info /api/models shows for a fake generator. */
    static ModelInfo info(String name) {
        return new ModelInfo(name, "language_model", List.of(), WORDS.length, java.util.Map.of());
    }
}
