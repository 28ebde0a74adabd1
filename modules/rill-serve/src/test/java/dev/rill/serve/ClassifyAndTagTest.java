package dev.rill.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.engine.TrainedClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's answers over real HTTP, checked against the models called directly. */
class ClassifyAndTagTest {

    private static RillServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServers.all(TestServers.settings(Limits.DEFAULTS, 2, Duration.ofSeconds(30)),
                () -> new FakeGenerator(Duration.ZERO));
        http = TestServers.http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void lists_the_models_with_task_labels_vocabulary_and_metrics() {
        Http.Reply reply = http.get("/api/models");
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonNode models = reply.json().get("models");
        assertEquals(3, models.size());
        JsonNode sentiment = models.get(0);
        assertEquals("sentiment", sentiment.get("name").asText());
        assertEquals("classification", sentiment.get("task").asText());
        assertEquals("[\"0\",\"1\"]", sentiment.get("labels").toString());
        assertEquals(TestBundles.loadClassifier().bundle().vocabulary().size(), sentiment.get("vocabulary_size").asInt());
        double devAccuracy = sentiment.get("metrics").get("dev").get("accuracy").asDouble();
        assertTrue(devAccuracy > 0.9, "the tiny task is learnt: " + devAccuracy);
        assertTrue(sentiment.get("metrics").get("dev").get("per_class") == null, "only single numbers in the summary");

        JsonNode pos = models.get(1);
        assertEquals("tagging", pos.get("task").asText());
        assertTrue(pos.get("tags").toString().contains("\"NOUN\""), pos.toString());
        assertTrue(pos.get("labels") == null, "a tagger's labels are called tags");
        assertEquals("language_model", models.get(2).get("task").asText());
    }

    @Test
    void health_answers() {
        Http.Reply reply = http.get("/health");
        assertEquals(200, reply.status());
        assertEquals("ok", reply.json().get("status").asText());
        assertEquals(3, reply.json().get("models").asInt());
    }

    @Test
    void classifies_a_batch_exactly_as_the_model_does_in_process() {
        List<String> texts = List.of("a great fun film", "the plot was dull and boring", "it was a lovely story", "grim movie");
        Http.Reply reply = http.post("/api/classify", Map.of("model", "sentiment", "texts", texts));
        assertEquals(200, reply.status(), reply.body());
        assertEquals("sentiment", reply.json().get("model").asText());
        JsonNode results = reply.json().get("results");
        assertEquals(texts.size(), results.size());

        List<TrainedClassifier.Prediction> direct = TestBundles.loadClassifier().predict(texts);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            JsonNode r = results.get(i);
            labels.add(r.get("label").asText());
            assertEquals(direct.get(i).label(), r.get("label").asText());
            assertEquals(direct.get(i).probability(), r.get("probability").asDouble(), 0.0);
            assertEquals(direct.get(i).probabilities()[0], r.get("probabilities").get("0").asDouble(), 0.0);
            assertEquals(direct.get(i).probabilities()[1], r.get("probabilities").get("1").asDouble(), 0.0);
            assertEquals(1.0, r.get("probabilities").get("0").asDouble() + r.get("probabilities").get("1").asDouble(), 1e-6);
        }
        assertEquals(List.of("1", "0", "1", "0"), labels, "the cue words decide, as trained");
    }

    @Test
    void the_model_may_be_left_out_when_only_one_classifier_is_served() {
        Http.Reply reply = http.post("/api/classify", "{\"texts\": [\"superb\"]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("sentiment", reply.json().get("model").asText());
        assertEquals("1", reply.json().get("results").get(0).get("label").asText());
    }

    @Test
    void tags_raw_text_split_into_sentences_with_context() {
        Http.Reply reply = http.post("/api/tag", Map.of("model", "pos", "text", "The dog likes the run. The run sees the big cat."));
        assertEquals(200, reply.status(), reply.body());
        JsonNode sentences = reply.json().get("sentences");
        assertEquals(2, sentences.size());
        assertEquals("The dog likes the run.", sentences.get(0).get("text").asText());
        assertEquals("[\"The\",\"dog\",\"likes\",\"the\",\"run\",\".\"]", sentences.get(0).get("tokens").toString());
        assertEquals("[\"DET\",\"NOUN\",\"VERB\",\"DET\",\"NOUN\",\"PUNCT\"]", sentences.get(0).get("tags").toString());
        assertEquals("[\"DET\",\"NOUN\",\"VERB\",\"DET\",\"ADJ\",\"NOUN\",\"PUNCT\"]", sentences.get(1).get("tags").toString());
        assertEquals(TestBundles.loadTagger().tag(List.of(List.of("The", "dog", "likes", "the", "run", "."))).get(0).toString()
                .replace(" ", ""), sentences.get(0).get("tags").toString().replace("\"", ""));
    }

    @Test
    void tagging_punctuation_only_text_gives_its_punctuation_tokens() {
        Http.Reply reply = http.post("/api/tag", "{\"text\": \"...\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(1, reply.json().get("sentences").size());
    }

    @Test
    void serves_the_demo_page_and_its_script_and_styles() {
        Http.Reply page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.body().contains("<script src=\"demo.js\">"), page.body());
        assertTrue(http.get("/demo.js").contentType().startsWith("text/javascript"));
        assertTrue(http.get("/demo.css").contentType().startsWith("text/css"));
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "nothing fetched from elsewhere");
    }
}
