package dev.rill.generate;

import dev.rill.text.CharTokenizer;
import dev.rill.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Classical baselines on Tiny Shakespeare, per character: fit on train.txt, print nats/char on
 * val.txt. Deliberately not a test (the name does not end in Test, so surefire skips it); run
 * it by name:
 * <pre>
 *   mvn -o -pl modules/rill-engine -am test -Dtest=TinyShakespeareBaselines -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The corpus directory can be moved with {@code -Drill.tinyshakespeare=DIR}.
 */
class TinyShakespeareBaselines {

    private static Path dir() {
        return Path.of(System.getProperty("rill.tinyshakespeare", "/work/shared/corpora/tinyshakespeare"));
    }

    static boolean corpusPresent() {
        return Files.isRegularFile(dir().resolve("train.txt")) && Files.isRegularFile(dir().resolve("val.txt"));
    }

    @Test
    @EnabledIf("corpusPresent")
    void print_baselines() throws IOException {
        CharTokenizer chars = new CharTokenizer();
        List<String> train = chars.tokenize(Files.readString(dir().resolve("train.txt"), StandardCharsets.UTF_8));
        List<String> val = chars.tokenize(Files.readString(dir().resolve("val.txt"), StandardCharsets.UTF_8));
        Vocabulary vocabulary = Vocabulary.build(
                train.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())), Integer.MAX_VALUE, 1);
        int[] trainIds = vocabulary.encode(train);
        int[] valIds = vocabulary.encode(val);
        int v = vocabulary.size();
        long unknown = java.util.Arrays.stream(valIds).filter(id -> id == Vocabulary.UNK_ID).count();
        System.out.printf(Locale.ROOT, "train %d chars, val %d chars (%d unknown), V = %d (with <pad>, <unk>); uniform %.4f nats/char%n",
                trainIds.length, valIds.length, unknown, v, Math.log(v));
        double best = Double.MAX_VALUE;
        for (double k : new double[] {1.0, 0.1, 0.01}) {
            best = Math.min(best, report("markov add-" + k, () -> MarkovModel.fit(trainIds, v, k), valIds));
        }
        double markov = best;
        for (int n = 1; n <= 7; n++) {
            int order = n;
            best = Math.min(best, report("kneser-ney n=" + n, () -> NgramModel.fit(trainIds, v, order), valIds));
        }
        assertTrue(best < markov, "some n-gram order must beat the first-order Markov chain");
    }

    private static double report(String name, java.util.function.Supplier<NextTokenModel> fit, int[] val) {
        long start = System.nanoTime();
        NextTokenModel model = fit.get();
        long fitted = System.nanoTime();
        CrossEntropy ce = model.evaluate(val);
        long scored = System.nanoTime();
        System.out.printf(Locale.ROOT, "%-20s %s  fit %5d ms  eval %5d ms%n", name, ce.format(),
                (fitted - start) / 1_000_000, (scored - fitted) / 1_000_000);
        return ce.natsPerToken();
    }
}
