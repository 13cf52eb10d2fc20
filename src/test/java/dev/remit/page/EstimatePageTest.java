package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiTestBase;
import dev.remit.support.Documents;
import dev.remit.support.EstimateFlow;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * The estimate's public page over plain HTTP: headers, the PDF, visits, and every way an Accept or a
 * Decline can be refused (hostile input, another estimate's token, another site's form, an answer the
 * estimate cannot take): never a 5xx, and never a change to an estimate the token does not name.
 */
class EstimatePageTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sentEstimate(Tenant tenant, String expiryDate) {
        return EstimateFlow.token(EstimateFlow.sent(api(tenant), tenant, expiryDate));
    }

    private JsonNode estimate(Tenant tenant, String token) {
        String id = jdbc.sql("select id from estimate where public_token = ?").param(token).query(String.class).single();
        return EstimateFlow.read(api(tenant), tenant, id);
    }

    @Test
    void thePageShowsTheEstimateWithThePublicPageHeadersAndRecordsTheVisit() throws Exception {
        Tenant tenant = newTenant();
        String token = sentEstimate(tenant, "2099-12-31");
        HttpResponse<String> page = get("/e/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Kitchen remodel", "Pat Doe", "$3,048.00", "Valid until", "Dec 31, 2099",
                "Accept estimate", "action=\"/e/" + token + "/accept\"", "action=\"/e/" + token + "/decline\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'",
                "form-action 'self'");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("private, no-store");
        assertThat(page.headers().firstValue("Referrer-Policy").orElseThrow()).isEqualTo("no-referrer");
        assertThat(Documents.htmlErrors(page.body())).as("the page's HTML parses cleanly").isEmpty();
        JsonNode seen = estimate(tenant, token);
        assertThat(seen.path("lastVisitedAt").isMissingNode() || seen.path("lastVisitedAt").isNull()).isFalse();

        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/e/" + token + "/pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(Documents.pdfText(pdf.body())).contains("ESTIMATE", "Kitchen remodel", "$3,048.00", "Dec 31, 2099");
    }

    @Test
    void acceptingRecordsTheTypedNameAndIsIdempotent() throws Exception {
        Tenant tenant = newTenant();
        String token = sentEstimate(tenant, "2099-12-31");
        EstimateFlow.Answer first = EstimateFlow.accept(baseUrl(), token, "  Pat Doe  ");
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.location()).isEqualTo("/e/" + token + "?accepted=1");
        EstimateFlow.Answer second = EstimateFlow.accept(baseUrl(), token, "Someone Else");
        assertThat(second.status()).isEqualTo(303);
        HttpResponse<String> page = get(first.location());
        assertThat(page.body()).contains("Thank you: you accepted this estimate.", "Accepted by Pat Doe on")
                .doesNotContain("Someone Else", "Accept estimate");
        JsonNode accepted = estimate(tenant, token);
        assertThat(accepted.path("estimateStatus").asString()).isEqualTo("accepted");
        assertThat(accepted.path("estimateActionHistory").toString()).containsOnlyOnce("\"accepted\"");

        EstimateFlow.Answer decline = EstimateFlow.decline(baseUrl(), token, "changed my mind");
        assertThat(decline.status()).as("an accepted estimate cannot be declined").isEqualTo(409);
        assertThat(decline.body()).contains("can no longer be declined");
    }

    @Test
    void decliningRecordsTheReasonAndThenAcceptIsRefused() {
        Tenant tenant = newTenant();
        String token = sentEstimate(tenant, "2099-12-31");
        EstimateFlow.Answer declined = EstimateFlow.decline(baseUrl(), token, "Too expensive");
        assertThat(declined.status()).isEqualTo(303);
        assertThat(EstimateFlow.decline(baseUrl(), token, "again").status()).isEqualTo(303);
        EstimateFlow.Answer accept = EstimateFlow.accept(baseUrl(), token, "Pat Doe");
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.body()).contains("was declined").doesNotContain("Accept estimate");
        JsonNode estimate = estimate(tenant, token);
        assertThat(estimate.path("estimateStatus").asString()).isEqualTo("declined");
    }

    @Test
    void anExpiredEstimateCannotBeAcceptedOrDeclined() throws Exception {
        Tenant tenant = newTenant();
        String token = sentEstimate(tenant, "2026-01-31");
        HttpResponse<String> page = get("/e/" + token);
        assertThat(page.body()).contains("This estimate expired on Jan 31, 2026.").doesNotContain("Accept estimate");
        EstimateFlow.Answer accept = EstimateFlow.accept(baseUrl(), token, "Pat Doe");
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.body()).contains("has expired");
        assertThat(EstimateFlow.decline(baseUrl(), token, "late").status()).isEqualTo(409);
        JsonNode estimate = estimate(tenant, token);
        assertThat(estimate.path("estimateStatus").asString())
                .isNotIn("accepted", "declined");
    }

    @Test
    void hostileAndCrossSiteAnswersAreRefusedCleanly() throws Exception {
        Tenant tenant = newTenant();
        String token = sentEstimate(tenant, "2099-12-31");
        String other = sentEstimate(newTenant(), "2099-12-31");

        // another site's form, by Sec-Fetch-Site or by Origin
        EstimateFlow.Answer crossSite = EstimateFlow.postForm(baseUrl(), "/e/" + token + "/accept", Map.of("name", "Mallory"),
                Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        EstimateFlow.Answer otherOrigin = EstimateFlow.postForm(baseUrl(), "/e/" + token + "/decline", Map.of("reason", "x"),
                Map.of("Origin", "https://evil.example"));
        assertThat(otherOrigin.status()).isEqualTo(403);
        EstimateFlow.Answer sameOrigin = EstimateFlow.postForm(baseUrl(), "/e/" + token + "/accept", Map.of("name", ""),
                Map.of("Origin", baseUrl()));
        assertThat(sameOrigin.status()).as("same origin, but no name").isEqualTo(422);
        assertThat(sameOrigin.body()).contains("Type your full name");

        for (String name : List.of("   ", "x".repeat(201), "bad\u0000name", "\uFFFF")) {
            EstimateFlow.Answer refused = EstimateFlow.accept(baseUrl(), token, name);
            assertThat(refused.status()).as("name %s", name.length() > 10 ? name.substring(0, 10) : name).isEqualTo(422);
        }
        assertThat(EstimateFlow.decline(baseUrl(), token, "y".repeat(1001)).status()).isEqualTo(422);

        // tokens that name nothing, or are not tokens at all
        for (String bad : List.of("x", "A".repeat(43), "%00", "A".repeat(300), token + "x",
                token.toLowerCase().equals(token) ? token.toUpperCase() : token.toLowerCase())) {
            String path = "/e/" + bad;
            assertThat(get(path).statusCode()).as(path).isIn(400, 404);
            assertThat(get(path + "/pdf").statusCode()).as(path).isIn(400, 404);
            assertThat(EstimateFlow.accept(baseUrl(), bad, "Pat").status()).as(path).isIn(400, 404);
            assertThat(EstimateFlow.decline(baseUrl(), bad, "no").status()).as(path).isIn(400, 404);
        }
        HttpResponse<String> unknown = get("/e/" + "A".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Estimate not found", "does not lead to an estimate").doesNotContain("an invoice");
        // a JSON body, a GET on a POST path, a form without fields: never a 5xx
        assertThat(EstimateFlow.postForm(baseUrl(), "/e/" + token + "/accept", Map.of(), Map.of()).status()).isEqualTo(422);
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/e/" + token + "/accept"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Pat\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isLessThan(500);
        assertThat(get("/e/" + token + "/accept").statusCode()).isLessThan(500);

        // after all that, neither estimate was answered
        assertThat(get("/e/" + token).body()).contains("Accept estimate");
        assertThat(get("/e/" + other).body()).contains("Accept estimate");
        // answering one estimate leaves the other as it was
        assertThat(EstimateFlow.accept(baseUrl(), token, "Pat Doe").status()).isEqualTo(303);
        assertThat(get("/e/" + other).body()).contains("Accept estimate").doesNotContain("Accepted by");
    }
}
