package dev.rill.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.Map;

/** The one JSON mapper for metrics, bundle metadata and command output. */
public final class Json {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Indented UTF-8 JSON, for files people read. */
    public static byte[] pretty(Object value) throws JsonProcessingException {
        return PRETTY.writeValueAsBytes(value);
    }

    /** One line, for stdout that scripts parse. */
    public static String compact(Object value) throws JsonProcessingException {
        return COMPACT.writeValueAsString(value);
    }

    /** A JSON object as a map. */
    public static Map<String, Object> readMap(byte[] bytes) throws IOException {
        return COMPACT.readValue(bytes, new TypeReference<Map<String, Object>>() { });
    }
}
