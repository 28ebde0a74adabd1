package dev.rill.serve;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error response's body.
 *
 * @param error   a stable code for programs ({@code invalid_json}, {@code unknown_model}, ...)
 * @param message what is wrong and how to fix it, for people
 * @param field   the request field at fault, left out when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String field) {
}
