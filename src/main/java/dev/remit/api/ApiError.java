package dev.remit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * HighLevel's error body: {@code statusCode}, {@code message} (a string, or for 422 an array naming
 * every violated constraint) and {@code error}, the status phrase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int statusCode, Object message, String error) {
}
