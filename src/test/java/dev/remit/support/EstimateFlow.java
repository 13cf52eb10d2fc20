package dev.remit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The estimate flow as a client and a customer walk it, for the customer-side tests: an estimate's
 * create body (every property CreateEstimatesDto requires, and what the page shows), its send, and
 * the customer's Accept and Decline posted as the page's forms post them.
 */
public final class EstimateFlow {

    private EstimateFlow() {
    }

    /** Two items (one taxed at 8.25 %): $2,400.00 + $198.00 tax + $450.00 = $3,048.00. */
    public static Map<String, Object> body(Tenant tenant, String email, String phone, String expiryDate,
            boolean autoInvoice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Kitchen remodel");
        body.put("title", "ESTIMATE");
        body.put("currency", "USD");
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993",
                "website", "www.example.com", "address", Map.of("addressLine1", "9931 Beechwood", "city", "Houston",
                        "state", "TX", "countryCode", "US", "postalCode", "77001"))));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", "c6tZZU0rJBf30ZXx9Gli");
        contact.put("name", "Pat Doe");
        contact.put("email", email);
        contact.put("phoneNo", phone);
        body.put("contactDetails", contact);
        body.put("items", List.of(InvoiceBodies.withTax(InvoiceBodies.item("Cabinets", 1200, 2), 8.25),
                InvoiceBodies.item("Installation", 450, 1)));
        body.put("discount", new LinkedHashMap<>(Map.of("type", "percentage", "value", 0)));
        body.put("frequencySettings", new LinkedHashMap<>(Map.of("enabled", false, "schedule", new LinkedHashMap<>())));
        if (expiryDate != null) {
            String issue = java.time.LocalDate.parse(expiryDate).minusDays(30).toString();
            body.put("issueDate", issue.compareTo("2026-11-01") < 0 ? issue : "2026-11-01");
            body.put("expiryDate", expiryDate);
        } else {
            body.put("issueDate", "2026-11-01");
        }
        body.put("sentTo", new LinkedHashMap<>(Map.of("email", List.of(email))));
        body.put("liveMode", false);
        body.put("termsNotes", "Prices hold for 30 days. Work starts within two weeks of acceptance.");
        body.put("autoInvoice", new LinkedHashMap<>(Map.of("enabled", autoInvoice, "directPayments", false)));
        return body;
    }

    public static String create(ApiClient api, Map<String, Object> body) {
        ApiResponse created = api.post("/invoices/estimate", body);
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        return created.json().path("_id").asString();
    }

    public static Map<String, Object> sendBody(Tenant tenant, String action, boolean liveMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("action", action);
        body.put("liveMode", liveMode);
        body.put("userId", tenant.userId());
        body.put("sentFrom", new LinkedHashMap<>(Map.of("fromName", "Alex", "fromEmail", "alex@example.com")));
        return body;
    }

    /** Sends it and answers its public page's address. */
    public static String send(ApiClient api, Tenant tenant, String estimateId, String action) {
        ApiResponse sent = api.post("/invoices/estimate/" + estimateId + "/send", sendBody(tenant, action, false));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().path("estimateUrl").asString();
    }

    /**
     * An estimate sent (manually) to Pat Doe, answering its page's address. An expiry date in the past
     * is given after the send (an expired estimate cannot be sent): the estimate is then expired.
     */
    public static String sent(ApiClient api, Tenant tenant, String expiryDate) {
        boolean past = java.time.LocalDate.parse(expiryDate).isBefore(java.time.LocalDate.now());
        Map<String, Object> body = body(tenant, "pat@customer.example", "(214) 559-6993", past ? "2099-12-31" : expiryDate,
                false);
        String id = create(api, body);
        String url = send(api, tenant, id, "send_manually");
        if (past) {
            Map<String, Object> expired = body(tenant, "pat@customer.example", "(214) 559-6993", expiryDate, false);
            ApiResponse updated = api.put("/invoices/estimate/" + id, expired);
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        }
        return url;
    }

    /** The token at the end of a public page's address. */
    public static String token(String estimateUrl) {
        return estimateUrl.substring(estimateUrl.lastIndexOf("/e/") + 3);
    }

    /** What the server answered a form post. */
    public record Answer(int status, String location, String body) {
    }

    /** Posts a form to the page as a browser on the page itself would (same origin). */
    public static Answer postForm(String baseUrl, String path, Map<String, String> fields, Map<String, String> headers) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer accept(String baseUrl, String token, String name) {
        return postForm(baseUrl, "/e/" + token + "/accept", Map.of("name", name), Map.of("Sec-Fetch-Site", "same-origin"));
    }

    public static Answer decline(String baseUrl, String token, String reason) {
        return postForm(baseUrl, "/e/" + token + "/decline", Map.of("reason", reason), Map.of("Sec-Fetch-Site", "same-origin"));
    }

    /** The estimate as GET-like reads give it (its list entry), for the status. */
    public static JsonNode read(ApiClient api, Tenant tenant, String estimateId) {
        ApiResponse list = api.get("/invoices/estimate/list?altId=" + tenant.locationId() + "&altType=location&limit=100&offset=0");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (JsonNode estimate : list.json().path("estimates")) {
            if (estimate.path("_id").asString().equals(estimateId)) {
                return estimate;
            }
        }
        throw new AssertionError("estimate " + estimateId + " is not in the list: " + list.raw());
    }
}
