package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo page as a person uses it, in Debian's headless Chromium (installed by
 * {@code .ci/setup-browser}): type, click, and see a classification with its probability bars, a
 * tagged sentence and a generation that streams in token by token. Skipped only where Chromium is
 * missing, and never on CI.
 */
class DemoPageInChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<FakeGenerator> generators = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;

    private static RillServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(HeadlessChromium.BINARY) && System.getenv("CI") != null) {
            fail(HeadlessChromium.BINARY + " is missing on CI: bin/test must run .ci/setup-browser before the tests");
        }
        assumeTrue(Files.isExecutable(HeadlessChromium.BINARY),
                HeadlessChromium.BINARY + " is missing: run .ci/setup-browser (installs Debian's chromium) to test the demo page");
        server = TestServers.all(TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30)), () -> {
            FakeGenerator g = new FakeGenerator(Duration.ofMillis(60));
            generators.add(g);
            return g;
        });
        chromium = HeadlessChromium.launch(dir);
        chromium.open(server.url());
        chromium.waitFor("document.body.dataset.ready === 'true'", WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            Files.write(Path.of("target", "demo-page.png"), chromium.screenshot());   // for people to look at
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void lists_the_served_models_in_each_panel() throws Exception {
        assertEquals("sentiment", chromium.eval("document.getElementById('classify-model').value").asText());
        assertEquals("pos", chromium.eval("document.getElementById('tag-model').value").asText());
        assertEquals("lm", chromium.eval("document.getElementById('generate-model').value").asText());
        assertTrue(chromium.eval("document.getElementById('status').textContent").asText().startsWith("3 models served"));
    }

    @Test
    void a_classification_appears_with_a_bar_per_label() throws Exception {
        chromium.type("#classify-text", "it was a lovely fun story");
        chromium.click("#classify-run");
        String label = chromium.waitFor("document.querySelector('#classify-result .label')?.textContent", WAIT).asText();

        JsonNode api = new Http(server.url()).post("/api/classify", Map.of("texts", List.of("it was a lovely fun story"))).json()
                .get("results").get(0);
        assertEquals(api.get("label").asText(), label);
        assertEquals("1", label);
        JsonNode bars = chromium.eval("[...document.querySelectorAll('#classify-result .bar')].map(b => ["
                + "b.querySelector('.bar-label').textContent, parseFloat(b.querySelector('.bar-fill').style.width)])");
        assertEquals(2, bars.size());
        for (JsonNode bar : bars) {
            double expected = 100 * api.get("probabilities").get(bar.get(0).asText()).asDouble();
            assertEquals(expected, bar.get(1).asDouble(), 0.051, "bar width of label " + bar.get(0).asText());
        }
    }

    @Test
    void a_tagging_appears_with_each_tag_under_its_token() throws Exception {
        chromium.type("#tag-text", "The dog likes the run. The run sees the big cat.");
        chromium.click("#tag-run");
        chromium.waitFor("document.querySelectorAll('#tag-result .sentence').length === 2", WAIT);
        JsonNode sentences = chromium.eval("[...document.querySelectorAll('#tag-result .sentence')].map(s =>"
                + " [...s.querySelectorAll('.token')].map(t => t.querySelector('.word').textContent + '/' + t.querySelector('.tag').textContent).join(' '))");
        assertEquals("The/DET dog/NOUN likes/VERB the/DET run/NOUN ./PUNCT", sentences.get(0).asText());
        assertEquals("The/DET run/NOUN sees/VERB the/DET big/ADJ cat/NOUN ./PUNCT", sentences.get(1).asText());
    }

    @Test
    void a_generation_streams_into_the_page_token_by_token() throws Exception {
        chromium.type("#generate-prompt", "Once");
        chromium.type("#generate-length", "25");
        chromium.click("#generate-run");
        // While it runs, the text grows: a snapshot with some but not all of it shows it is streamed.
        List<Integer> lengths = new ArrayList<>();
        String info = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !info.contains("tokens")) {
            lengths.add(chromium.eval("document.querySelector('#generate-output .continuation').textContent.length").asInt());
            info = chromium.eval("document.getElementById('generate-info').textContent").asText();
            Thread.sleep(40);
        }
        Matcher done = Pattern.compile("25 tokens, seed (\\d+)").matcher(info);
        assertTrue(done.find(), "finished: " + info);
        String text = chromium.eval("document.querySelector('#generate-output .continuation').textContent").asText();
        assertEquals(FakeGenerator.expected(Long.parseLong(done.group(1)), 25), text);
        assertEquals("Once", chromium.eval("document.querySelector('#generate-output .prompt').textContent").asText());
        long partial = lengths.stream().filter(n -> n > 0 && n < text.length()).distinct().count();
        assertTrue(partial >= 3, "the text grew in steps while generating: " + lengths);
        GenerationParams asked = generators.stream().flatMap(g -> g.calls.stream()).reduce((a, b) -> b).orElseThrow();
        assertEquals(25, asked.length());
        assertEquals(0.8, asked.temperature(), 1e-9, "the temperature slider's value was sent");
    }

    /** A real conditioned generator: the page offers its conditions, sends the chosen one, and hides the menu for a language model. */
    @Test
    void a_conditioned_generator_gets_a_condition_menu_and_writes_for_the_chosen_label() throws Exception {
        ServeSettings s = TestServers.settings(Limits.DEFAULTS, 1, Duration.ofSeconds(30));
        try (RillServer both = RillServer.start(new ModelRegistry(List.of(
                Bundles.load(TestBundles.conditionedGenerator(), "reviews", s), TestServers.lm(s, () -> new FakeGenerator(Duration.ZERO)))), s);
             HeadlessChromium browser = HeadlessChromium.launch(Files.createDirectories(dir.resolve("conditioned")))) {
            browser.open(both.url());
            browser.waitFor("document.body.dataset.ready === 'true'", WAIT);
            assertEquals("reviews", browser.eval("document.getElementById('generate-model').value").asText());
            assertFalse(browser.eval("document.getElementById('generate-condition-label').hidden").asBoolean());
            assertFalse(browser.eval("document.getElementById('generate-guidance-label').hidden").asBoolean());
            assertEquals(1.0, browser.eval("Number(document.getElementById('generate-guidance').value)").asDouble(), 0.0);
            assertEquals("[\"0\",\"1\"]", browser.eval("[...document.querySelectorAll('#generate-condition option')].map(o => o.value)").toString());

            browser.eval("document.getElementById('generate-condition').value = '0'; document.getElementById('generate-temperature').value = '0';"
                    + " document.getElementById('generate-guidance').value = '2'; document.getElementById('generate-prompt').value = ''; true");
            browser.click("#generate-run");
            browser.waitFor("document.getElementById('generate-info').textContent.includes('tokens')", WAIT);
            assertEquals("a bad film", browser.eval("document.querySelector('#generate-output .continuation').textContent").asText().strip());

            browser.eval("const m = document.getElementById('generate-model'); m.value = 'lm'; m.dispatchEvent(new Event('change')); true");
            assertTrue(browser.eval("document.getElementById('generate-condition-label').hidden").asBoolean(), "no condition menu for a language model");
            assertTrue(browser.eval("document.getElementById('generate-guidance-label').hidden").asBoolean(), "no guidance for a language model");
            browser.eval("document.getElementById('generate-info').textContent = ''; true");
            browser.click("#generate-run");   // a language model refuses guidance: the hidden control must not send it
            browser.waitFor("document.getElementById('generate-info').textContent.includes('tokens')"
                    + " || document.querySelector('#generate-info .error') !== null", WAIT);
            assertTrue(browser.eval("document.getElementById('generate-info').textContent").asText().contains("tokens"),
                    browser.eval("document.getElementById('generate-info').textContent").asText());
        }
    }

    @Test
    void without_a_generator_the_page_says_so() throws Exception {
        ServeSettings s = TestServers.settings(Limits.DEFAULTS, 1, Duration.ofSeconds(30));
        try (RillServer classifierOnly = RillServer.start(new ModelRegistry(List.of(TestServers.sentiment(s))), s);
             HeadlessChromium browser = HeadlessChromium.launch(Files.createDirectories(dir.resolve("second")))) {
            browser.open(classifierOnly.url());
            browser.waitFor("document.body.dataset.ready === 'true'", WAIT);
            assertEquals("No generator loaded: start rill serve with a language-model or conditioned-generation bundle.",
                    browser.eval("(() => { const m = document.querySelector('#generate .missing'); return m.hidden ? '' : m.textContent; })()").asText());
            assertTrue(browser.eval("document.getElementById('generate-run').disabled").asBoolean());
            assertTrue(browser.eval("document.getElementById('tag-run').disabled").asBoolean());
            assertTrue(!browser.eval("document.getElementById('classify-run').disabled").asBoolean());
        }
    }
}
