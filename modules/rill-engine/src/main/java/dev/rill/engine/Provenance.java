package dev.rill.engine;

import dev.rill.config.RillConfig;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Where a model came from: versions, seed, threads, time. Stored in every bundle. */
public final class Provenance {

    private Provenance() {
    }

    /** Rill's and DL4J's versions, filled in by the build. */
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

    public static Map<String, Object> collect(RillConfig config) {
        Properties v = versions();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rill_version", v.getProperty("rill.version", "unknown"));
        m.put("dl4j_version", v.getProperty("dl4j.version", "unknown"));
        m.put("java_version", System.getProperty("java.version"));
        m.put("seed", config.training().seed());
        m.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        m.put("created", Instant.now().toString());
        return m;
    }
}
