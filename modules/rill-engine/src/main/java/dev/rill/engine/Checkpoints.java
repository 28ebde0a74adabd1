package dev.rill.engine;

import dev.rill.io.AtomicFiles;
import dev.rill.text.DataException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The run's latest checkpoint, {@code checkpoints/checkpoint.zip}: a zip of
 * <ul>
 *   <li>{@code state.json}: the {@link TrainerState} (epoch, step in the epoch, random state, history, best score, ...)</li>
 *   <li>{@code network.zip}: the network with its updater state ({@link ModelSerializer}, {@code saveUpdater=true});
 *       its configuration JSON carries DL4J's iteration and epoch counters and the learning-rate schedule</li>
 *   <li>{@code best.bin}: the weights of the best epoch so far ({@link Nd4j#write}), when there is one</li>
 * </ul>
 * Each checkpoint is written whole to a temporary file beside it, forced to disk and renamed over the
 * previous one ({@link AtomicFiles}): a crash while writing leaves the previous checkpoint as it was,
 * and at worst a stray temporary file, which {@link #latest()} removes.
 */
final class Checkpoints {

    static final String FILE = "checkpoint.zip";
    /** Bumped when the layout changes; a checkpoint of another format is refused, not misread. */
    static final int FORMAT = 1;

    private final Path dir;

    Checkpoints(Path dir) {
        this.dir = dir;
    }

    /** A saved checkpoint: the network as it was, where training was, and the best weights so far (or null). */
    record Checkpoint(MultiLayerNetwork network, TrainerState state, INDArray best) {
    }

    /** Replaces the checkpoint with this one, atomically. */
    void save(MultiLayerNetwork net, TrainerState state, INDArray best) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Map<String, Object> json = new HashMap<>(state.toMap());
            json.put("checkpoint_format", FORMAT);
            entry(zip, "state.json", Json.pretty(json));
            ByteArrayOutputStream network = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, network, true);
            entry(zip, "network.zip", network.toByteArray());
            if (best != null) {
                ByteArrayOutputStream array = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(array)) {
                    Nd4j.write(best, out);
                }
                entry(zip, "best.bin", array.toByteArray());
            }
        }
        byte[] content = bytes.toByteArray();
        AtomicFiles.write(dir.resolve(FILE), out -> FaultInjection.writeCheckpoint(out, content, state.step));
    }

    /** The latest complete checkpoint, or empty when none was written yet. Stray temporary files of interrupted writes are removed. */
    Optional<Checkpoint> latest() throws IOException {
        removeTemporaryFiles();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        if (!entries.containsKey("state.json") || !entries.containsKey("network.zip")) {
            throw new DataException(file, 0, "not a Rill checkpoint (state.json or network.zip missing)");
        }
        Map<String, Object> json = Json.readMap(entries.get("state.json"));
        if (!Integer.valueOf(FORMAT).equals(json.get("checkpoint_format"))) {
            throw new DataException(file, 0, "checkpoint format " + json.get("checkpoint_format") + " is not " + FORMAT
                    + " (written by another Rill version); start the run again without --resume");
        }
        MultiLayerNetwork net;
        try (InputStream in = new ByteArrayInputStream(entries.get("network.zip"))) {
            net = ModelSerializer.restoreMultiLayerNetwork(in, true);
        }
        INDArray best = null;
        if (entries.containsKey("best.bin")) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries.get("best.bin")))) {
                best = Nd4j.read(in);
            }
        }
        return Optional.of(new Checkpoint(net, TrainerState.fromMap(json), best));
    }

    /** Removes the checkpoint and any temporary files, so a new run starts clean. */
    void clear() throws IOException {
        removeTemporaryFiles();
        Files.deleteIfExists(dir.resolve(FILE));
    }

    private void removeTemporaryFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, "." + FILE + ".*.tmp")) {
            for (Path p : stray) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
