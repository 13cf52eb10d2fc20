package dev.remit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running server over real HTTP as a HighLevel client would (Version header, bearer token)
 * and checks every answer against the contract unless told the path is remit's own extension.
 */
public final class ApiClient {

    public static final String VERSION = "2021-07-28";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;
    private final boolean contract;

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token, defaultHeaders(), true);
    }

    private ApiClient(String baseUrl, String token, Map<String, String> headers, boolean contract) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
        this.contract = contract;
    }

    private static Map<String, String> defaultHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Version", VERSION);
        headers.put("Accept", "application/json");
        return headers;
    }

    /** The same client with another token (null: none). */
    public ApiClient withToken(String otherToken) {
        return new ApiClient(baseUrl, otherToken, headers, contract);
    }

    /** The same client with a header set (a null value removes it). */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ApiClient(baseUrl, token, copy, contract);
    }

    /** For remit's own endpoints, which HighLevel's spec does not describe. */
    public ApiClient extension() {
        return new ApiClient(baseUrl, token, headers, false);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, body);
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, body);
    }

    public ApiResponse patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** Sends a body as given: a String goes as it is (for bodies that are not JSON), anything else as JSON. */
    public ApiResponse send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        headers.forEach(request::header);
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode json = parse(response.body());
        ApiResponse answer = new ApiResponse(response.statusCode(), response.headers(), response.body(), json);
        assertThat(response.body()).as("no response may carry internals").doesNotContain("Exception", "at dev.remit", "org.springframework")
                // "SQL" as a word, not three letters inside base64 (the webhook signing key's PEM may hold them)
                .doesNotContainPattern("(?<![A-Za-z0-9+/])SQL");
        if (contract) {
            String bare = URI.create(baseUrl + path).getPath();
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            assertThat(ContractValidator.get().problems(method, bare, response.statusCode(), contentType, response.body()))
                    .as("%s %s answered %s against HighLevel's contract", method, path, answer).isEmpty();
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
