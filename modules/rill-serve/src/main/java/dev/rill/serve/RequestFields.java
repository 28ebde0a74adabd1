package dev.rill.serve;

import dev.rill.config.DidYouMean;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one request, from a JSON body ({@link JsonFields}) or a query string
 * ({@link QueryFields}), read with type checks whose errors name the field. A getter returns
 * {@code null} for a field that is absent (or JSON {@code null}); the request records decide what
 * is required and what the default is.
 */
interface RequestFields {

    /** The field names the request has. */
    Set<String> names();

    String string(String field);

    /** An array of strings; {@code null} when absent. */
    List<String> strings(String field);

    /** A whole number. */
    Long integer(String field);

    Double number(String field);

    /** Refuses fields the endpoint does not know, suggesting the closest known name (a typo in {@code top_p} must not be ignored silently). */
    default void allowOnly(Set<String> known, String example) {
        for (String name : new TreeSet<>(names())) {
            if (!known.contains(name)) {
                throw ApiError.badRequest("unknown_field", name, "unknown field '" + name + "'"
                        + DidYouMean.suffix(name, known) + "; this endpoint takes " + String.join(", ", new TreeSet<>(known))
                        + ", e.g. " + example);
            }
        }
    }

    /** A required field's absence. */
    static ApiError missing(String field, String what) {
        return ApiError.badRequest("missing_field", field, field + " is required: " + what);
    }
}
