package dev.rill.engine;

import dev.rill.config.ConfigException;
import dev.rill.config.ConfigLoader;
import dev.rill.config.ConfigWriter;
import dev.rill.config.RillConfig;
import dev.rill.io.AtomicFiles;
import dev.rill.text.DataException;
import dev.rill.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model in one file: everything needed to predict and to evaluate again.
 *
 * <p>The file is a zip with
 * <ul>
 *   <li>{@code config.yaml}: the resolved config (every default filled in)</li>
 *   <li>{@code vocab.txt}: one token per line, id order</li>
 *   <li>{@code labels.txt}: one class per line, index order</li>
 *   <li>{@code network.zip}: the DL4J network ({@link ModelSerializer}, without updater state); absent for
 *       count-based language models</li>
 *   <li>{@code metrics.json}: dev/test metrics at the end of training</li>
 *   <li>{@code provenance.json}: versions, seed, threads, time</li>
 *   <li>{@code chars.txt}: the character vocabulary, one character per line (only for taggers with {@code model.char_cnn})</li>
 *   <li>{@code train-tokens.bin}: the training token ids a count-based language model ({@code model.type: markov | ngram})
 *       was counted from, as a big-endian int count followed by the ids; the model is recounted from them on load</li>
 * </ul>
 * It is written atomically (temporary file, then rename), so a crash never leaves a half bundle.
 *
 * @param config     resolved config
 * @param vocabulary token ids
 * @param labels     class names
 * @param network    the trained network, or {@code null} for a count-based language model
 * @param metrics    metrics by split name
 * @param provenance where the model came from
 * @param characters character vocabulary, or {@code null} when the model reads no characters
 * @param trainTokens the training stream of a count-based language model, or {@code null}
 */
public record ModelBundle(
        RillConfig config,
        Vocabulary vocabulary,
        List<String> labels,
        MultiLayerNetwork network,
        Map<String, Object> metrics,
        Map<String, Object> provenance,
        Vocabulary characters,
        int[] trainTokens) {

    /** Bundle format version, bumped when the layout changes incompatibly. */
    public static final int FORMAT = 1;

    public ModelBundle {
        if ((network == null) == (trainTokens == null)) {
            throw new IllegalArgumentException("a bundle holds either a network or the training tokens of a count model");
        }
        labels = List.copyOf(labels);
        metrics = Map.copyOf(metrics);
        provenance = Map.copyOf(provenance);
    }

    /** A bundle of a network. */
    public ModelBundle(RillConfig config, Vocabulary vocabulary, List<String> labels, MultiLayerNetwork network,
                       Map<String, Object> metrics, Map<String, Object> provenance, Vocabulary characters) {
        this(config, vocabulary, labels, network, metrics, provenance, characters, null);
    }

    /** A bundle of a count-based language model: no network, the training tokens it is counted from. */
    public static ModelBundle counted(RillConfig config, Vocabulary vocabulary, int[] trainTokens,
                                      Map<String, Object> metrics, Map<String, Object> provenance) {
        return new ModelBundle(config, vocabulary, List.of(), null, metrics, provenance, null, trainTokens);
    }

    /** A bundle of a network that reads no characters. */
    public ModelBundle(RillConfig config, Vocabulary vocabulary, List<String> labels, MultiLayerNetwork network,
                       Map<String, Object> metrics, Map<String, Object> provenance) {
        this(config, vocabulary, labels, network, metrics, provenance, null);
    }

    /** Writes the bundle to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            entry(zip, "config.yaml", ConfigWriter.toYaml(config).getBytes(StandardCharsets.UTF_8));
            entry(zip, "vocab.txt", bytes(vocabulary));
            if (characters != null) {
                entry(zip, "chars.txt", bytes(characters));
            }
            entry(zip, "labels.txt", (String.join("\n", labels) + "\n").getBytes(StandardCharsets.UTF_8));
            if (network != null) {
                ByteArrayOutputStream net = new ByteArrayOutputStream();
                ModelSerializer.writeModel(network, net, false);
                entry(zip, "network.zip", net.toByteArray());
            }
            if (trainTokens != null) {
                entry(zip, "train-tokens.bin", ints(trainTokens));
            }
            entry(zip, "metrics.json", Json.pretty(metrics));
            Map<String, Object> prov = new HashMap<>(provenance);
            prov.put("bundle_format", FORMAT);
            entry(zip, "provenance.json", Json.pretty(prov));
            zip.finish();
        });
    }

    private static byte[] bytes(Vocabulary vocabulary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            vocabulary.write(w);
        }
        return out.toByteArray();
    }

    private static Vocabulary vocabulary(byte[] bytes) throws IOException {
        try (InputStreamReader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return Vocabulary.read(r);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a bundle.
     *
     * @throws DataException when the file is missing or not a Rill bundle (exit code 2)
     */
    public static ModelBundle read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, 0, "no such bundle; pass the model.rill file that `rill train` printed");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        for (String required : List.of("config.yaml", "vocab.txt", "labels.txt")) {
            if (!entries.containsKey(required)) {
                throw new DataException(file, 0, "not a Rill bundle: '" + required + "' is missing");
            }
        }
        if (!entries.containsKey("network.zip") && !entries.containsKey("train-tokens.bin")) {
            throw new DataException(file, 0, "not a Rill bundle: 'network.zip' is missing");
        }
        RillConfig config;
        try {
            config = ConfigLoader.forBundles().parse(new String(entries.get("config.yaml"), StandardCharsets.UTF_8),
                    file.resolveSibling(file.getFileName() + "!config.yaml"), List.of()).config();
        } catch (ConfigException e) {
            throw new DataException(file, 0, "bundle config does not load with this Rill version:\n" + e.getMessage());
        }
        Vocabulary vocab = vocabulary(entries.get("vocab.txt"));
        Vocabulary chars = entries.containsKey("chars.txt") ? vocabulary(entries.get("chars.txt")) : null;
        List<String> labels = new ArrayList<>(new String(entries.get("labels.txt"), StandardCharsets.UTF_8).lines().toList());
        MultiLayerNetwork net = null;
        if (entries.containsKey("network.zip")) {
            try (InputStream in = new ByteArrayInputStream(entries.get("network.zip"))) {
                net = ModelSerializer.restoreMultiLayerNetwork(in, false);
            }
        }
        int[] trainTokens = net == null ? ints(entries.get("train-tokens.bin")) : null;
        return new ModelBundle(config, vocab, labels, net, json(entries.get("metrics.json")), json(entries.get("provenance.json")),
                chars, trainTokens);
    }

    private static byte[] ints(int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + 4 * values.length);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static int[] ints(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static Map<String, Object> json(byte[] bytes) throws IOException {
        return bytes == null ? Map.of() : Json.readMap(bytes);
    }
}
