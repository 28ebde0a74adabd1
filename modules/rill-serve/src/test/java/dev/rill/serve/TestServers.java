package dev.rill.serve;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Servers on a free loopback port with the test bundles ("sentiment", "pos") and a fake generator ("lm"). */
final class TestServers {

    /** Small limits, so over-limit requests are cheap to make. */
    static final Limits SMALL = new Limits(4096, 4, 200, 50);

    private TestServers() {
    }

    static ServeSettings settings(Limits limits, int copies, Duration wait) {
        return new ServeSettings("127.0.0.1", 0, limits, copies, wait);
    }

    static ClassifierModel sentiment(ServeSettings s) {
        return new ClassifierModel("sentiment", TestBundles.loadClassifier(), s.copies(), s.waitForCopy());
    }

    static TaggerModel pos(ServeSettings s) {
        return new TaggerModel("pos", TestBundles.loadTagger(), s.copies(), s.waitForCopy());
    }

    static GeneratorModel lm(ServeSettings s, Supplier<Generator> generators) {
        return new GeneratorModel(FakeGenerator.info("lm"), generators, s.copies(), s.waitForCopy());
    }

    /** All three models. */
    static RillServer all(ServeSettings s, Supplier<Generator> generators) {
        return RillServer.start(new ModelRegistry(List.of(sentiment(s), pos(s), lm(s, generators))), s);
    }

    static Http http(RillServer server) {
        return new Http(server.url());
    }
}
