package dev.rill.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The fields of a JSON request body: one object, no duplicate keys, nothing after it. */
final class JsonFields implements RequestFields {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Jackson quotes the offending input in its messages; a few hundred characters say enough. */
    private static final int MAX_DETAIL = 200;

    private final ObjectNode body;

    private JsonFields(ObjectNode body) {
        this.body = body;
    }

    /**
     * Parses a request body.
     *
     * @param example a valid body for this endpoint, quoted in the error messages
     */
    static JsonFields parse(byte[] bytes, String example) {
        if (bytes.length == 0) {
            throw ApiError.badRequest("invalid_json", null, "the request body is empty; send a JSON object such as " + example);
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", null, "the request body is not valid JSON (" + describe(e)
                    + "); send a JSON object such as " + example);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", null, "the request body could not be read (" + e.getMessage() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.badRequest("invalid_json", null, "the request body must be a JSON object, got " + kind(node)
                    + "; send one such as " + example);
        }
        return new JsonFields(object);
    }

    private static String describe(JsonProcessingException e) {
        // Jackson names the source it read in nested locations; the client knows its own body.
        String what = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
        if (what.length() > MAX_DETAIL) {
            what = what.substring(0, MAX_DETAIL) + "...";
        }
        return e.getLocation() == null ? what
                : what + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    @Override
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode value(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v;
    }

    @Override
    public String string(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.textValue();
    }

    @Override
    public List<String> strings(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            throw ApiError.badRequest("wrong_type", field, field + " must be an array of strings, got a string; wrap a single text as [\"...\"]");
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw wrongType(field + "[" + i + "]", "a string", item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    @Override
    public Long integer(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isIntegralNumber()) {
            throw ApiError.badRequest("invalid_value", field, field + " is out of range: " + v.asText());
        }
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 1e15) {
            return (long) v.doubleValue();   // 40.0 is a whole number too
        }
        throw wrongType(field, "a whole number", v);
    }

    @Override
    public Double number(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number", v);
        }
        return v.doubleValue();
    }

    private static ApiError wrongType(String field, String expected, JsonNode got) {
        String shown = got.isTextual() ? " (\"" + abbreviate(got.textValue()) + "\")" : got.isNumber() ? " (" + got.asText() + ")" : "";
        return ApiError.badRequest("wrong_type", field, field + " must be " + expected + ", got " + kind(got) + shown);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a number";
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
