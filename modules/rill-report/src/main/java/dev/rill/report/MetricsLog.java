package dev.rill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of {@code metrics.jsonl}, by kind.
 *
 * <p>A run resumed from a checkpoint writes again the steps and epochs after that checkpoint, so the
 * last line for a step or an epoch wins. A last line without its newline is one the run is still
 * writing: it is left out with a note rather than failing the report. Any other line that is not a
 * JSON object with a known shape is an error naming the file and line. Lines of unknown kinds are
 * skipped, so an older report reads a newer log.
 *
 * @param steps      step lines, by step
 * @param epochs     epoch lines, by epoch
 * @param bestEpoch  from the {@code "final"} line, or {@code null} while the run is going
 * @param finished   whether a {@code "final"} line was read
 * @param stoppedEarly from the {@code "final"} line
 * @param notes      things the reader should know (an incomplete last line)
 */
record MetricsLog(List<StepPoint> steps, List<EpochPoint> epochs, Integer bestEpoch, boolean finished,
                  boolean stoppedEarly, List<String> notes) {

    static MetricsLog read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        Map<Long, StepPoint> steps = new TreeMap<>();
        Map<Integer, EpochPoint> epochs = new TreeMap<>();
        Integer best = null;
        boolean finished = false;
        boolean stoppedEarly = false;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Line at = new Line(file, i + 1);
            JsonNode node;
            try {
                node = JsonFiles.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                // split(..., -1) leaves "" after a final newline, so the last element is unterminated text.
                if (i == lines.length - 1) {
                    notes.add(file.getFileName() + ": line " + (i + 1) + " is incomplete (the run is still writing it) and is left out");
                    continue;
                }
                throw at.error("not a JSON object (" + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw at.error("not a JSON object");
            }
            String kind = at.requiredText(node, "kind");
            switch (kind) {
                case "step" -> {
                    StepPoint s = new StepPoint(at.optionalInt(node, "epoch", 0), at.requiredLong(node, "step"),
                            at.requiredNumber(node, "loss"), at.optionalNumber(node, "lr"));
                    steps.put(s.step(), s);
                }
                case "epoch" -> {
                    EpochPoint e = new EpochPoint(at.requiredInt(node, "epoch"), at.optionalNumber(node, "train_loss"),
                            at.optionalText(node, "dev_metric"), at.optionalNumber(node, "dev_score"), at.optionalNumber(node, "lr"),
                            at.optionalNumber(node, "seconds"), at.optionalNumber(node, "tokens_per_s"),
                            at.optionalNumber(node, "dev_perplexity"), at.texts(node, "samples"));
                    epochs.put(e.epoch(), e);
                }
                case "final" -> {
                    finished = true;
                    best = node.hasNonNull("best_epoch") ? at.requiredInt(node, "best_epoch") : null;
                    stoppedEarly = node.path("stopped_early").asBoolean(false);
                }
                default -> {
                    // A kind this version does not draw.
                }
            }
        }
        return new MetricsLog(List.copyOf(steps.values()), List.copyOf(epochs.values()), best, finished, stoppedEarly, List.copyOf(notes));
    }

    /** One line being read: turns a bad field into an error that names the file, the line and the field. */
    private record Line(Path file, int number) {

        ReportException error(String what) {
            return new ReportException(file + ":" + number + ": " + what
                    + "; each line of metrics.jsonl is one JSON object with a \"kind\" (step, epoch, final), as the training run writes it");
        }

        String requiredText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                throw error("field '" + field + "' must be a string, got " + describe(v));
            }
            return v.asText();
        }

        String optionalText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : requiredText(node, field);
        }

        long requiredLong(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
                throw error("field '" + field + "' must be a whole number, got " + describe(v));
            }
            return v.asLong();
        }

        int requiredInt(JsonNode node, String field) {
            long v = requiredLong(node, field);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw error("field '" + field + "' must be a count, got " + v);
            }
            return (int) v;
        }

        int optionalInt(JsonNode node, String field, int absent) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? absent : requiredInt(node, field);
        }

        double requiredNumber(JsonNode node, String field) {
            Double v = optionalNumber(node, field);
            if (v == null) {
                throw error("field '" + field + "' must be a number, got " + describe(node.get(field)));
            }
            return v;
        }

        /** A number, or Jackson's way of writing non-finite doubles ("NaN", "Infinity", "-Infinity"). */
        Double optionalNumber(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isNumber()) {
                return v.asDouble();
            }
            return switch (v.isTextual() ? v.asText() : "") {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw error("field '" + field + "' must be a number, got " + describe(v));
            };
        }

        List<String> texts(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error("field '" + field + "' must be a list of strings, got " + describe(v));
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw error("field '" + field + "' must be a list of strings, got an item " + describe(item));
                }
                out.add(item.asText());
            }
            return out;
        }

        private static String describe(JsonNode v) {
            if (v == null) {
                return "nothing (the field is missing)";
            }
            String s = v.toString();
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }
}
