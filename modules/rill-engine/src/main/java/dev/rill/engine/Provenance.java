package dev.rill.engine;

import dev.rill.config.RillConfig;
import dev.rill.corpus.Checksums;
import dev.rill.corpus.CorpusStore;
import dev.rill.corpus.ManifestFile;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a model came from: Rill's version and git commit, DL4J/ND4J versions, seed, thread
 * settings, the sha256 of every data file, time. Stored in every bundle.
 *
 * <p>The version and commit are filled into {@code rill-version.properties} by the build (the git
 * commit by git-commit-id-maven-plugin), so nothing runs {@code git} at training time and a jar
 * built from a source archive says {@code unknown}.
 */
public final class Provenance {

    private Provenance() {
    }

    /** Rill's and DL4J's versions and the git commit, filled in by the build. */
    public static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/rill-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A missing version file only makes provenance less informative.
        }
        return p;
    }

    /**
     * Provenance of a run.
     *
     * @param dataFiles each split's file and sha256, see {@link #dataFiles}
     */
    public static Map<String, Object> collect(RillConfig config, Map<String, Object> dataFiles) {
        Properties v = versions();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rill_version", known(v, "rill.version"));
        m.put("git_commit", known(v, "git.commit"));
        m.put("git_dirty", known(v, "git.dirty"));
        m.put("dl4j_version", known(v, "dl4j.version"));
        // DL4J and ND4J are released together under one version.
        m.put("nd4j_version", known(v, "dl4j.version"));
        m.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("blas_vendor", String.valueOf(env.get("blas.vendor")));
        m.put("java_version", System.getProperty("java.version"));
        m.put("seed", config.training().seed());
        m.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        m.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        m.put("nd4j_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        m.put("blas_threads", String.valueOf(env.get("blas.threads")));
        m.put("data_files", dataFiles);
        m.put("created", Instant.now().toString());
        return m;
    }

    /**
     * Each split's file and sha256: the manifest's (verified when the corpus was fetched) for a
     * corpus, hashed here for files in {@code data.dir}.
     */
    static Map<String, Object> dataFiles(RillConfig config, CorpusStore store) {
        SplitFiles files = new SplitFiles(config, store);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String split : config.data().splits().keySet().stream().sorted().toList()) {
            files.split(split).ifPresent(path -> out.put(split, file(config, store, split, path)));
        }
        return out;
    }

    private static Map<String, Object> file(RillConfig config, CorpusStore store, String split, Path path) {
        String name = config.data().split(split);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", config.data().corpus() != null ? config.data().corpus() + "/" + name : path.toString());
        Optional<String> manifest = config.data().corpus() == null ? Optional.empty()
                : store.registry().find(config.data().corpus()).flatMap(c -> c.file(name)).map(ManifestFile::sha256);
        try {
            m.put("sha256", manifest.isPresent() ? manifest.get() : Checksums.sha256(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + path, e);
        }
        return m;
    }

    /** A build property, or {@code unknown} when it is absent or was not filtered (still {@code ${...}}). */
    private static String known(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
