package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

/**
 * Whatever goes wrong, the answer is HighLevel's JSON error body with an X-Request-Id, and never a
 * stack trace, SQL or a class name: unknown paths, bodies that are not JSON (malformed, not UTF-8,
 * too deep, too large), failures in remit itself (logged with the request id) and requests the
 * servlet container refuses on its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorShapeTest extends ApiTestBase {

    static final String NOT_JSON = "{\"statusCode\":400,\"message\":\"Request body is not valid JSON\",\"error\":\"Bad Request\"}";
    static final String TOO_LARGE = "{\"statusCode\":413,\"message\":\"request entity too large\",\"error\":\"Payload Too Large\"}";
    static final String INTERNAL = "{\"statusCode\":500,\"message\":\"Internal server error\",\"error\":\"Internal Server Error\"}";
    static final String UNSUPPORTED_MEDIA_TYPE = "{\"statusCode\":415,\"message\":\"Content-Type is not a valid media type\","
            + "\"error\":\"Unsupported Media Type\"}";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiClient probe(Tenant tenant) {
        return api(tenant).extension();
    }

    private static void assertBody(ApiResponse response, int status, String exact) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(ApiClient.tree(response.raw())).isEqualTo(ApiClient.tree(exact));
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void unknownPathsAndMethodsAre404InTheSameShape() {
        Tenant tenant = newTenant();
        assertBody(probe(tenant).get("/invoices/_probe/no/such/thing"), 404,
                "{\"statusCode\":404,\"message\":\"Cannot GET /invoices/_probe/no/such/thing\",\"error\":\"Not Found\"}");
        assertBody(anonymous().extension().get("/nothing-here"), 404,
                "{\"statusCode\":404,\"message\":\"Cannot GET /nothing-here\",\"error\":\"Not Found\"}");
        assertBody(probe(tenant).post("/invoices/_probe/settings", Map.of()), 404,
                "{\"statusCode\":404,\"message\":\"Cannot POST /invoices/_probe/settings\",\"error\":\"Not Found\"}");
        assertBody(anonymous().extension().get("/error"), 404,
                "{\"statusCode\":404,\"message\":\"Cannot GET /error\",\"error\":\"Not Found\"}");
    }

    @Test
    void headAndOptionsAreAnsweredWithoutFailing() throws Exception {
        Tenant tenant = newTenant();
        HttpResponse<String> options = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + GateTest.read(tenant.locationId())))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isLessThan(500);
        assertThat(options.headers().firstValue("X-Request-Id")).isPresent();
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + GateTest.read(tenant.locationId())))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Version", ApiClient.VERSION)
                .header("Authorization", "Bearer " + tenant.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymousHead = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + GateTest.read(tenant.locationId())))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousHead.statusCode()).isEqualTo(401);
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        Tenant tenant = newTenant();
        assertBody(probe(tenant).post("/invoices/_probe/invoice", "{\"altId\": "), 400, NOT_JSON);
        assertBody(probe(tenant).post("/invoices/_probe/invoice", "altId=x&altType=location"), 400, NOT_JSON);
        assertBody(probe(tenant).post("/invoices/_probe/invoice", "{\"a\":1}{"), 400, NOT_JSON);
        assertBody(probe(tenant).post("/invoices/_probe/invoice", ""), 400, NOT_JSON);
        // on a real operation, checked against the spec's BadRequestDTO too
        assertBody(api(tenant).post("/invoices/", "{\"altId\": "), 400, NOT_JSON);
    }

    @Test
    void aBodyThatIsNotUtf8Is400() throws Exception {
        Tenant tenant = newTenant();
        byte[] latin1 = "{\"name\":\"Caf\u00e9 \u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        ApiResponse response = raw(tenant, "/invoices/_probe/invoice", "application/json", latin1, true);
        assertBody(response, 400, NOT_JSON);
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0xc3, 0x28};
        assertBody(raw(tenant, "/invoices/_probe/invoice", "application/json", garbage, true), 400, NOT_JSON);
    }

    @Test
    void aBodyNestedTooDeeplyIs400AndNeverBreaksTheServer() {
        Tenant tenant = newTenant();
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertBody(probe(tenant).post("/invoices/_probe/invoice", deep), 400, NOT_JSON);
        String deepObject = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
        assertBody(probe(tenant).post("/invoices/_probe/invoice", deepObject), 400, NOT_JSON);
        // nested within the parser's limit but unknown: just a property that should not exist
        String moderately = "{\"extra\":" + "[".repeat(200) + "]".repeat(200) + "}";
        ApiResponse response = probe(tenant).post("/invoices/_probe/invoice", moderately);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.messages()).contains("property extra should not exist");
    }

    @Test
    void aBodyLargerThanTheLimitIs413() throws Exception {
        Tenant tenant = newTenant();
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        // with a Content-Length, refused before it is read
        assertBody(raw(tenant, "/invoices/_probe/invoice", "application/json", big.getBytes(StandardCharsets.UTF_8), true),
                413, TOO_LARGE);
        // chunked, refused while it is read
        assertBody(raw(tenant, "/invoices/_probe/invoice", "application/json", big.getBytes(StandardCharsets.UTF_8), false),
                413, TOO_LARGE);
        // a body under the limit is read as usual
        ApiResponse fine = probe(tenant).post("/invoices/_probe/invoice", Map.of("altId", tenant.locationId(),
                "altType", "location", "name", "x".repeat(500_000), "items", List.of(Map.of("name", "a", "qty", 1, "amount", 1))));
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    }

    @Test
    void theRequestIdIsEchoedWhenSentAndMadeOtherwise() {
        Tenant tenant = newTenant();
        ApiResponse ok = probe(tenant).withHeader("X-Request-Id", "caller-id-42").get(GateTest.read(tenant.locationId()));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Request-Id")).isEqualTo("caller-id-42");
        assertThat(probe(tenant).withHeader("X-Request-Id", "caller-id-43").get("/invoices/_probe/none").header("X-Request-Id"))
                .isEqualTo("caller-id-43");
        assertThat(anonymous().extension().withHeader("X-Request-Id", "caller-id-44").get(GateTest.read(tenant.locationId()))
                .header("X-Request-Id")).isEqualTo("caller-id-44");
        assertThat(anonymous().extension().withHeader("X-Request-Id", "caller-id-45").get("/actuator/health")
                .header("X-Request-Id")).isEqualTo("caller-id-45");

        String made = probe(tenant).get(GateTest.read(tenant.locationId())).header("X-Request-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(probe(tenant).get(GateTest.read(tenant.locationId())).header("X-Request-Id")).isNotEqualTo(made);
        // one that is not a sane token (too long, or with spaces) is replaced rather than echoed
        assertThat(probe(tenant).withHeader("X-Request-Id", "x".repeat(200)).get(GateTest.read(tenant.locationId()))
                .header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(probe(tenant).withHeader("X-Request-Id", "a b<script>").get(GateTest.read(tenant.locationId()))
                .header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aFailureInsideRemitIs500WithoutInternalsAndIsLoggedWithTheRequestId(CapturedOutput output) {
        Tenant tenant = newTenant();
        ApiResponse response = probe(tenant).withHeader("X-Request-Id", "failing-request-7").get("/invoices/_probe/fail");
        assertBody(response, 500, INTERNAL);
        assertThat(response.header("X-Request-Id")).isEqualTo("failing-request-7");
        assertThat(response.raw()).doesNotContain("IllegalState", "api_token", "Secret", "select");
        assertThat(output.getAll()).contains("failing-request-7").contains("/invoices/_probe/fail failed");
    }

    @Test
    void aFailureReportedThroughTheContainersErrorPageIsJsonAndLoggedWithTheRequestId(CapturedOutput output) {
        Tenant tenant = newTenant();
        ApiResponse response = probe(tenant).withHeader("X-Request-Id", "sent-error-8").get("/invoices/_probe/send-error");
        assertBody(response, 503,
                "{\"statusCode\":503,\"message\":\"Service Unavailable\",\"error\":\"Service Unavailable\"}");
        assertThat(response.header("X-Request-Id")).isEqualTo("sent-error-8");
        assertThat(output.getAll()).containsPattern("failed with 503 \\(request sent-error-8\\)");
    }

    @Test
    void errorsAreJsonWhateverTheCallerAccepts() {
        Tenant tenant = newTenant();
        ApiResponse response = probe(tenant).withHeader("Accept", "text/html").get("/invoices/_probe/nothing");
        assertBody(response, 404, "{\"statusCode\":404,\"message\":\"Cannot GET /invoices/_probe/nothing\",\"error\":\"Not Found\"}");
        ApiResponse unauthorized = anonymous().extension().withHeader("Accept", "text/html").get(GateTest.read(tenant.locationId()));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void requestsTheContainerRefusesOnItsOwnAreJsonToo() throws IOException {
        for (String path : List.of("/invoices/%zz", "/invoices/a%2fb", "/invoices/%00")) {
            String answer = rawHttp("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: refused-9\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).containsIgnoringCase("X-Request-Id: refused-9");
            assertThat(answer).containsIgnoringCase("Content-Type: application/json");
            assertThat(answer).endsWith("{\"statusCode\":400,\"message\":\"Bad Request\",\"error\":\"Bad Request\"}");
            assertThat(answer).doesNotContain("Tomcat", "<html", "Exception");
        }
    }

    /**
     * Bodies remit never reads (multipart without or with a boundary, forms with broken escapes on every
     * method, a wildcard or unparsable Content-Type), sent without credentials to every kind of path:
     * each is answered below 500, errors in HighLevel's JSON body, and nothing is logged as a failure.
     */
    @Test
    void bodiesOfAnyContentTypeOnAnyPathBeforeAuthenticationAreNeverA5xx(CapturedOutput output) throws Exception {
        Tenant tenant = newTenant();
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"altId\"\r\n\r\n" + tenant.locationId()
                + "\r\n--XyZ--\r\n";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("multipart/form-data", multipart);
        bodies.put("multipart/form-data; boundary=XyZ", multipart);
        bodies.put("multipart/form-data; boundary=", "--\r\n");
        bodies.put("multipart/mixed", multipart);
        bodies.put("application/x-www-form-urlencoded", "altId=%zz&%%%=1&b");
        bodies.put("application/x-www-form-urlencoded; charset=no-such-charset", "altId=%C3%28");
        bodies.put("*/*", "{}");
        bodies.put("application/*", "{}");
        bodies.put("not a media type", "{}");
        bodies.put("application/json;;;=", "{}");
        List<String> paths = List.of("/invoices/", GateTest.read(tenant.locationId()),
                "/invoices/0123456789abcdef01234567?altId=" + tenant.locationId() + "&altType=location",
                "/invoices/0123456789abcdef01234567/send", "/i/not-a-token", "/i/not-a-token/pay", "/i/not-a-token/pdf",
                "/actuator/health", "/actuator/prometheus", "/payments/stripe/webhook/" + tenant.locationId(), "/nothing-here");
        List<String> failures = new java.util.ArrayList<>();
        for (var sent : bodies.entrySet()) {
            for (String method : List.of("POST", "PUT", "PATCH", "GET")) {
                for (String path : paths) {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                            .method(method, HttpRequest.BodyPublishers.ofString(sent.getValue()))
                            .header("Content-Type", sent.getKey()).build(), HttpResponse.BodyHandlers.ofString());
                    String what = method + " " + path + " (" + sent.getKey() + ") answered " + answer.statusCode();
                    boolean isPage = path.startsWith("/i/") && answer.headers().firstValue("Content-Type")
                            .orElse("").startsWith("text/html");
                    if (answer.statusCode() >= 500) {
                        failures.add(what);
                    } else if (answer.statusCode() >= 400 && !isPage) {
                        var body = ApiClient.tree(answer.body());
                        // (the Version 401 has no "error", as HighLevel's has none)
                        if (body.path("statusCode").asInt() != answer.statusCode() || body.path("message").isMissingNode()
                                || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                            failures.add(what + " with " + answer.body());
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(output.getAll()).doesNotContain("Exception", "\tat ", " ERROR ");
        // a wildcard or unparsable Content-Type is refused at the edge, before the gate
        ApiResponse wildcard = raw(tenant, "/invoices/", "*/*", "{}".getBytes(StandardCharsets.UTF_8), true);
        assertBody(wildcard, 415, UNSUPPORTED_MEDIA_TYPE);
        assertBody(raw(tenant, "/invoices/", "not a media type", "{}".getBytes(StandardCharsets.UTF_8), true), 415,
                UNSUPPORTED_MEDIA_TYPE);
        // a multipart or form body on an operation that takes JSON is the usual 400, authenticated or not
        assertBody(raw(tenant, "/invoices/", "multipart/form-data", multipart.getBytes(StandardCharsets.UTF_8), true),
                400, "{\"statusCode\":400,\"message\":\"Content-Type must be application/json\",\"error\":\"Bad Request\"}");
    }

    private String rawHttp(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends bytes as they are, with a Content-Length or chunked. */
    private ApiResponse raw(Tenant tenant, String path, String contentType, byte[] body, boolean withLength)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = withLength ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(publisher)
                .header("Content-Type", contentType).header("Version", ApiClient.VERSION)
                .header("Authorization", "Bearer " + tenant.token()).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new ApiResponse(response.statusCode(), response.headers(), text,
                text.isBlank() ? ApiClient.tree("null") : ApiClient.tree(text));
    }
}
