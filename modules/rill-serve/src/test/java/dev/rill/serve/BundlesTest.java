package dev.rill.serve;

import dev.rill.text.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundlesTest {

    @TempDir
    Path dir;

    private static final ServeSettings SETTINGS = TestServers.settings(Limits.DEFAULTS, 1, Duration.ofSeconds(1));

    @Test
    void a_bundle_is_named_by_its_file_or_for_model_rill_by_its_run_folder() {
        assertEquals("sentiment-sst2", Bundles.defaultName(Path.of("runs/sentiment-sst2/model.rill")));
        assertEquals("pos-v2", Bundles.defaultName(Path.of("models/pos-v2.rill")));
        assertEquals("weights.zip", Bundles.defaultName(Path.of("weights.zip")));
    }

    @Test
    void loads_each_task_as_its_kind_of_model() throws Exception {
        assertInstanceOf(ClassifierModel.class, Bundles.load(TestBundles.classifier(), "a", SETTINGS));
        ServedModel tagger = Bundles.load(TestBundles.tagger(), "b", SETTINGS);
        assertInstanceOf(TaggerModel.class, tagger);
        assertEquals("b", tagger.name());
    }

    @Test
    void a_file_that_is_not_a_bundle_is_bad_input() throws Exception {
        Path notZip = Files.writeString(dir.resolve("notes.rill"), "hello");
        DataException e = assertThrows(DataException.class, () -> Bundles.load(dir.resolve("missing.rill"), "m", SETTINGS));
        assertTrue(e.getMessage().contains("no such bundle"), e.getMessage());
        DataException notBundle = assertThrows(DataException.class, () -> Bundles.load(notZip, "m", SETTINGS));
        assertTrue(notBundle.getMessage().contains("not a Rill bundle"), notBundle.getMessage());
    }

    @Test
    void names_must_be_unique_and_url_safe() {
        ClassifierModel a = TestServers.sentiment(SETTINGS);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new ModelRegistry(List.of(a, a)));
        assertEquals("two models are called 'sentiment'; give each a name with --name", twice.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new ModelRegistry(List.of(
                new ClassifierModel("my model", TestBundles.loadClassifier(), 1, Duration.ZERO))));
        assertTrue(bad.getMessage().startsWith("model name 'my model' must be 1 to 64 letters, digits"), bad.getMessage());
    }
}
