package dev.rill.notebooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * JSON text in the layout Jupyter saves notebooks in (Python's {@code json.dump} with
 * {@code indent=1, sort_keys=True, ensure_ascii=False}): objects with sorted keys, one space of
 * indent per level, {@code ": "} after keys, empty containers as {@code []} and {@code {}}, only
 * quotes, backslashes and control characters escaped.
 */
final class JupyterJson {

    private JupyterJson() {
    }

    static void write(JsonNode node, StringBuilder b, int depth) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);   // Python sorts by code point; String.compareTo compares UTF-16 units, equal for the BMP
            if (keys.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            for (int i = 0; i < keys.size(); i++) {
                newline(b, depth + 1);
                string(keys.get(i), b);
                b.append(": ");
                write(node.get(keys.get(i)), b, depth + 1);
                if (i < keys.size() - 1) {
                    b.append(',');
                }
            }
            newline(b, depth);
            b.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                newline(b, depth + 1);
                write(it.next(), b, depth + 1);
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            newline(b, depth);
            b.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), b);
        } else {
            b.append(node.toString());   // numbers, booleans, null: the same text in both
        }
    }

    private static void newline(StringBuilder b, int depth) {
        b.append('\n').append(" ".repeat(depth));
    }

    static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
