package dev.rill.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data.dir must exist with its split files; data.corpus must be known to the catalog. */
class DataSourceTest {

    /** A catalog of two corpora; {@code wiki} does not list its files. */
    static final CorpusCatalog CATALOG = new CorpusCatalog() {
        private final Map<String, Optional<Set<String>>> corpora = Map.of(
                "sst2", Optional.of(Set.of("train.tsv", "dev.tsv", "test.tsv")),
                "wiki", Optional.empty());

        @Override
        public boolean knows(String corpusName) {
            return corpora.containsKey(corpusName);
        }

        @Override
        public Set<String> names() {
            return corpora.keySet();
        }

        @Override
        public Optional<Set<String>> files(String corpusName) {
            return corpora.getOrDefault(corpusName, Optional.empty());
        }
    };

    @TempDir
    Path tmp;

    private List<ConfigProblem> problemsOf(String yaml) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, yaml);
        return assertThrows(ConfigException.class, () -> new ConfigLoader(CATALOG).load(file, List.of())).problems();
    }

    private String at(int line, int column) {
        return tmp.resolve("c.yaml") + ":" + line + ":" + column;
    }

    @Test
    void missing_dir_is_reported_with_its_full_path() throws IOException {
        List<ConfigProblem> problems = problemsOf("task: tagging\ndata:\n  dir: corpus\n");

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(at(3, 8), problems.get(0).where().toString());
        assertEquals("missing-file", problems.get(0).code());
        assertEquals("data.dir 'corpus' does not exist: " + tmp.resolve("corpus"), problems.get(0).message());
    }

    @Test
    void the_bundle_loader_does_not_look_for_data_but_still_checks_the_rest() throws Exception {
        String yaml = "task: tagging\ndata:\n  dir: /nowhere/corpus\n";
        RillConfig c = ConfigLoader.forBundles().parse(yaml, null, List.of()).config();
        assertEquals("/nowhere/corpus", c.data().dir());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.forBundles().parse(yaml + "training: {epochs: 0}\n", null, List.of()));
        assertEquals("out-of-range", e.problems().get(0).code());
    }

    @Test
    void dir_that_is_a_file_is_reported() throws IOException {
        Files.writeString(tmp.resolve("corpus"), "");

        List<ConfigProblem> problems = problemsOf("task: tagging\ndata:\n  dir: corpus\n");

        assertEquals("data.dir 'corpus' is not a directory: " + tmp.resolve("corpus"), problems.get(0).message());
    }

    @Test
    void missing_split_file_is_reported_at_its_split_with_its_full_path() throws IOException {
        Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(tmp.resolve("corpus/train.tsv"), "");

        List<ConfigProblem> problems = problemsOf("task: tagging\ndata:\n  dir: corpus\n  splits:\n    train: train.tsv\n    dev: dev.tsv\n");

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(at(6, 10), problems.get(0).where().toString());
        assertEquals("missing-file", problems.get(0).code());
        assertEquals("split 'dev' file " + tmp.resolve("corpus/dev.tsv") + " does not exist", problems.get(0).message());
    }

    @Test
    void default_splits_must_all_exist_in_dir_and_the_hint_says_so() throws IOException {
        Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(tmp.resolve("corpus/train.tsv"), "");
        Files.writeString(tmp.resolve("corpus/dev.tsv"), "");

        List<ConfigProblem> problems = problemsOf("task: tagging\ndata:\n  dir: corpus\n");

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(at(3, 3), problems.get(0).where().toString()); // the data mapping: splits is not written
        assertTrue(problems.get(0).message().contains(tmp.resolve("corpus/test.tsv").toString()));
        assertTrue(problems.get(0).hint().contains("defaults"));
    }

    @Test
    void unknown_corpus_suggests_the_closest_known_one() throws IOException {
        List<ConfigProblem> problems = problemsOf("task: classification\ndata: {corpus: sst}\n");

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(at(2, 16), problems.get(0).where().toString());
        assertEquals("unknown-corpus", problems.get(0).code());
        assertEquals("unknown corpus 'sst' (did you mean 'sst2'?)", problems.get(0).message());
        assertEquals("known corpora: sst2, wiki", problems.get(0).hint());
    }

    @Test
    void split_file_must_be_provided_by_the_corpus_manifest() throws IOException {
        List<ConfigProblem> problems = problemsOf("task: classification\ndata:\n  corpus: sst2\n  splits: {train: trian.tsv}\n");

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(at(4, 19), problems.get(0).where().toString());
        assertEquals("missing-file", problems.get(0).code());
        assertEquals("corpus 'sst2' provides no file 'trian.tsv' for split 'train' (did you mean 'train.tsv'?)", problems.get(0).message());
    }

    @Test
    void corpus_without_a_file_list_accepts_any_split_file() throws Exception {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, "task: language_model\ndata: {corpus: wiki, splits: {train: anything.txt}}\n");

        assertEquals("wiki", new ConfigLoader(CATALOG).load(file, List.of()).config().data().corpus());
    }

    @Test
    void loader_without_catalog_accepts_any_corpus() throws Exception {
        assertEquals("whatever", Fixtures.parse("task: tagging\ndata: {corpus: whatever}\n").data().corpus());
    }
}
