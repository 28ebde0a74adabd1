package dev.rill.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a query string ({@code ?model=lm&length=40}): how a browser's EventSource, which
 * can only GET, asks for a streamed generation. Numbers arrive as text and are parsed here.
 */
final class QueryFields implements RequestFields {

    private final Map<String, List<String>> params;

    QueryFields(Map<String, List<String>> params) {
        this.params = Map.copyOf(params);
    }

    @Override
    public Set<String> names() {
        return params.keySet();
    }

    @Override
    public String string(String field) {
        List<String> values = params.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.badRequest("invalid_value", field, field + " is given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    @Override
    public List<String> strings(String field) {
        throw new UnsupportedOperationException("no query endpoint takes a list");
    }

    @Override
    public Long integer(String field) {
        String v = string(field);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("wrong_type", field, field + " must be a whole number, got '" + v + "'");
        }
    }

    @Override
    public Double number(String field) {
        String v = string(field);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("wrong_type", field, field + " must be a number, got '" + v + "'");
        }
    }
}
