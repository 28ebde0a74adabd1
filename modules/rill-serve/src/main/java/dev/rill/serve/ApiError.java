package dev.rill.serve;

/**
 * A request the server refuses, answered as {@code {"error": CODE, "message": ..., "field": ...}}
 * with an HTTP status. The message says what is wrong and how to fix it; {@code field} names the
 * request field at fault (JSON path such as {@code texts[2]}), when there is one.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** 400: the request itself is wrong (shape, types, values). */
    public static ApiError badRequest(String code, String field, String message) {
        return new ApiError(400, code, field, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** The JSON body. */
    public ErrorBody body() {
        return new ErrorBody(code, getMessage(), field);
    }
}
