package dev.remit.support;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** One answer from the server: status, headers and the body, raw and parsed. */
public record ApiResponse(int status, HttpHeaders headers, String raw, JsonNode json) {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The body's {@code message} as a list (422 answers carry an array). */
    public java.util.List<String> messages() {
        JsonNode message = json.path("message");
        if (message.isArray()) {
            java.util.List<String> out = new java.util.ArrayList<>();
            message.forEach(m -> out.add(m.asString()));
            return out;
        }
        return message.isMissingNode() ? java.util.List.of() : java.util.List.of(message.asString());
    }

    @Override
    public String toString() {
        return status + " " + raw;
    }
}
