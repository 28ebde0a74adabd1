package dev.rill.notebooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A Jupyter notebook file (nbformat 4) as the runner needs it: its cells in order, and a copy with
 * the outputs of a run put into its code cells.
 *
 * <p>Everything else in the file (metadata, cell ids, attachments) is kept as read. Files are
 * written the way Jupyter writes them (keys sorted, one space of indent, a final newline), so a
 * notebook saved here and then opened and saved in Jupyter shows no spurious diff.
 */
public final class Notebook {

    /** Key under the notebook's {@code metadata} where the run that made the saved outputs is described. */
    static final String RUN_METADATA = "rill";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode root;
    private final List<Cell> cells;

    /**
     * One cell.
     *
     * @param index  1-based position among all cells (markdown included), as a reader counts them
     * @param type   {@code code}, {@code markdown} or {@code raw}
     * @param source the cell's text
     */
    public record Cell(int index, String type, String source) {
        public boolean isCode() {
            return "code".equals(type);
        }
    }

    private Notebook(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
        List<Cell> list = new ArrayList<>();
        JsonNode array = root.get("cells");
        for (int i = 0; i < array.size(); i++) {
            JsonNode cell = array.get(i);
            list.add(new Cell(i + 1, cell.path("cell_type").asText(), text(cell.get("source"))));
        }
        this.cells = List.copyOf(list);
    }

    /**
     * Reads a notebook.
     *
     * @throws IOException when the file cannot be read, is not JSON, or is not an nbformat 4 notebook
     */
    public static Notebook read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a notebook: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object) || root.path("nbformat").asInt() != 4 || !root.path("cells").isArray()) {
            throw new IOException(file + ": not an nbformat 4 notebook (needs \"nbformat\": 4 and a \"cells\" list)");
        }
        for (JsonNode cell : root.get("cells")) {
            if (!cell.path("cell_type").isTextual()) {
                throw new IOException(file + ": a cell without \"cell_type\"");
            }
        }
        return new Notebook(file, object);
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** The file name, as failures name the notebook. */
    public String name() {
        return file.getFileName().toString();
    }

    public List<Cell> cells() {
        return cells;
    }

    /**
     * The sha256 of the code cells' sources, in order: the code a run executed. Saved with the
     * outputs, it tells whether the outputs still belong to the code beside them.
     */
    public String codeDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Cell c : cells) {
                if (c.isCode()) {
                    sha.update(c.source().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The code digest stored with the saved outputs, or null when none was stored. */
    public String savedCodeDigest() {
        JsonNode digest = root.path("metadata").path(RUN_METADATA).get("code_sha256");
        return digest == null || !digest.isTextual() ? null : digest.asText();
    }

    /** The {@code execution_count} of each code cell, in order (0 when not executed). */
    public List<Integer> executionCounts() {
        List<Integer> counts = new ArrayList<>();
        for (JsonNode cell : root.get("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                counts.add(cell.path("execution_count").asInt(0));
            }
        }
        return counts;
    }

    /** The text of each stream output of code cell {@code ordinal} (1-based among code cells) named {@code stream} (stdout, stderr). */
    public String savedStream(int ordinal, String stream) {
        int seen = 0;
        for (JsonNode cell : root.get("cells")) {
            if ("code".equals(cell.path("cell_type").asText()) && ++seen == ordinal) {
                StringBuilder b = new StringBuilder();
                for (JsonNode out : cell.path("outputs")) {
                    if ("stream".equals(out.path("output_type").asText()) && stream.equals(out.path("name").asText())) {
                        b.append(text(out.get("text")));
                    }
                }
                return b.toString();
            }
        }
        throw new IllegalArgumentException(name() + " has no code cell " + ordinal);
    }

    /**
     * A copy with the outputs of {@code run} in the code cells: each gets {@code execution_count}
     * (its order among code cells) and one stream output per non-empty stream, stdout first. The
     * notebook's metadata records the code digest and the Java version of the run.
     *
     * @throws IllegalArgumentException when the run is of other code than this notebook's
     */
    public Notebook withOutputs(NotebookRun run) {
        if (!run.codeDigest().equals(codeDigest())) {
            throw new IllegalArgumentException(name() + ": the run executed other code than this notebook holds");
        }
        ObjectNode copy = root.deepCopy();
        int ordinal = 0;
        for (JsonNode node : copy.get("cells")) {
            ObjectNode cell = (ObjectNode) node;
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            CellRun result = run.cells().get(ordinal++);
            cell.put("execution_count", result.executionCount());
            ArrayNode outputs = cell.putArray("outputs");
            stream(outputs, "stdout", result.stdout());
            stream(outputs, "stderr", result.stderr());
        }
        ObjectNode metadata = copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        ObjectNode meta = metadata.putObject(RUN_METADATA);
        meta.put("code_sha256", run.codeDigest());
        meta.put("java", Runtime.version().feature());
        return new Notebook(file, copy);
    }

    private static void stream(ArrayNode outputs, String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode out = outputs.addObject();
        out.put("name", name);
        out.put("output_type", "stream");
        ArrayNode lines = out.putArray("text");
        lines(text).forEach(lines::add);
    }

    /** Writes the notebook to {@code target} atomically (a temporary file renamed over it). */
    public void write(Path target) throws IOException {
        AtomicFiles.writeString(target, toJson());
    }

    /** The file's text as Jupyter writes it: keys sorted, one space of indent, non-ASCII kept, a final newline. */
    public String toJson() {
        StringBuilder b = new StringBuilder();
        JupyterJson.write(root, b, 0);
        return b.append('\n').toString();
    }

    /** A source or stream text: nbformat allows one string or a list of lines. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder();
            node.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return node.asText();
    }

    /** {@code text} cut after each newline, as Jupyter stores multi-line strings. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    @Override
    public String toString() {
        return Objects.toString(file);
    }
}
