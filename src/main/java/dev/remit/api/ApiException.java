package dev.remit.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** An answer in HighLevel's error shape, raised anywhere and written by {@link ApiExceptionHandler}. */
public class ApiException extends RuntimeException {

    public static final String INVALID_TOKEN = "Invalid token: access token is invalid";
    public static final String SCOPE_MISSING = "The token is not authorized for this scope.";
    public static final String LOCATION_FORBIDDEN = "The token does not have access to this location.";

    private final HttpStatus status;
    private final transient Object body;
    private final String error;

    private ApiException(HttpStatus status, Object message) {
        this(status, message, phrase(status));
    }

    private ApiException(HttpStatus status, Object message, String error) {
        super(message instanceof String s ? s : String.valueOf(message), null, false, false);
        this.status = status;
        this.body = message;
        this.error = error;
    }

    /** HighLevel answers a bad Version header with a 401 that has no {@code error} field. */
    public static ApiException version(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public static ApiException unprocessable(List<String> messages) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, List.copyOf(messages));
    }

    public static ApiException unprocessable(String message) {
        return unprocessable(List.of(message));
    }

    public static ApiException tooManyRequests() {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests");
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError toBody() {
        return new ApiError(status.value(), body, error);
    }

    /** The phrases HighLevel (NestJS) writes; Spring's own would say "Unprocessable Content". */
    static String phrase(HttpStatus status) {
        return switch (status) {
            case UNPROCESSABLE_CONTENT -> "Unprocessable Entity";
            case PAYLOAD_TOO_LARGE -> "Payload Too Large";
            default -> status.getReasonPhrase();
        };
    }
}
