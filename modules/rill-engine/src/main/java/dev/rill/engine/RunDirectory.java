package dev.rill.engine;

import dev.rill.config.ConfigDiff;
import dev.rill.config.ConfigWriter;
import dev.rill.config.DataConfig;
import dev.rill.config.RillConfig;
import dev.rill.io.AtomicFiles;
import dev.rill.text.DataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder of one training run and the names of what is in it:
 * <pre>
 * config.yaml     the config file as given, byte for byte
 * resolved.yaml   the config with every default filled in (and data.dir absolute): what was trained
 * metrics.jsonl   step, epoch and final lines, appended as training goes
 * checkpoints/    the latest checkpoint, to resume from
 * model.rill      the final bundle
 * metrics.json    final metrics by split
 * report.html     plots of the above
 * </pre>
 */
public final class RunDirectory {

    public static final String CONFIG = "config.yaml";
    public static final String RESOLVED = "resolved.yaml";
    public static final String METRICS_LOG = "metrics.jsonl";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String BUNDLE = "model.rill";
    public static final String METRICS = "metrics.json";
    public static final String REPORT = "report.html";

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Starts a new run here: the config as given and as resolved. The checkpoint of an earlier run in
     * the same folder is removed, since its weights belong to that run.
     */
    void start(RillConfig config) throws IOException {
        Files.createDirectories(dir);
        if (config.source() != null && Files.isRegularFile(config.source())) {
            byte[] given = Files.readAllBytes(config.source());
            AtomicFiles.write(file(CONFIG), out -> out.write(given));
        } else {
            AtomicFiles.writeString(file(CONFIG), ConfigWriter.toYaml(config));
        }
        AtomicFiles.writeString(file(RESOLVED), ConfigWriter.toYaml(portable(config)));
        checkpoints().clear();
    }

    /** Whether a run here has written a checkpoint (and could be resumed). */
    boolean hasCheckpoint() {
        return Files.isRegularFile(file(CHECKPOINTS).resolve(Checkpoints.FILE));
    }

    /** The run's checkpoints. */
    Checkpoints checkpoints() {
        return new Checkpoints(file(CHECKPOINTS));
    }

    /**
     * Checks that this folder holds a run that can be resumed.
     *
     * @throws DataException when it has no {@code resolved.yaml}
     */
    public Path requireResolvedConfig() {
        Path resolved = file(RESOLVED);
        if (!Files.isRegularFile(resolved)) {
            throw new DataException(dir, 0, "not a run folder: it has no " + RESOLVED
                    + "; pass the folder `rill train` wrote (its --out or output.dir)");
        }
        return resolved;
    }

    /**
     * The settings in which {@code given} differs from the config this run was started with (its
     * {@code resolved.yaml}), ignoring {@code output.dir}: a run folder may be anywhere.
     */
    public static List<String> differences(RillConfig resolved, RillConfig given) {
        RillConfig comparable = new RillConfig(given.task(), portable(given).data(), given.model(), given.training(), resolved.output(),
                given.source());
        return ConfigDiff.between(portable(resolved), comparable);
    }

    /** The config with a relative {@code data.dir} made absolute, so it reads the same data from anywhere (run folder, bundle). */
    static RillConfig portable(RillConfig c) {
        DataConfig d = c.data();
        if (d.dir() == null) {
            return c;
        }
        String abs = c.baseDir().resolve(d.dir()).normalize().toString();
        return new RillConfig(c.task(), d.withDir(abs), c.model(), c.training(), c.output(), null);
    }
}
