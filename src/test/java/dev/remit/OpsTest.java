package dev.remit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/** Health (liveness, readiness with the database), Prometheus metrics and the served OpenAPI description, outside the gate. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class OpsTest extends ApiTestBase {

    private ApiResponse get(String path) {
        // no token and no Version header: none of these are behind HighLevel's gate
        return anonymous().extension().withHeader("Version", null).get(path);
    }

    @Test
    void healthHasLivenessAndReadinessWhichIncludesTheDatabase() {
        ApiResponse health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        ApiResponse liveness = get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        assertThat(liveness.json().path("components").has("db")).as("liveness must not depend on the database").isFalse();

        ApiResponse readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("readinessState").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.raw()).doesNotContain("jdbc:", "validationQuery");
    }

    @Test
    void prometheusScrapesTheServer() {
        Tenant tenant = newTenant();
        api(tenant).get("/invoices/settings?altId=" + tenant.locationId() + "&altType=location");
        ApiResponse metrics = anonymous().extension().withHeader("Accept", "text/plain").get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes", "hikaricp_connections", "http_server_requests_seconds_count")
                .doesNotContain("code_namespace");
        assertThat(metrics.header("X-RateLimit-Max")).isNull();
    }

    @Test
    void theOpenApiDescriptionCoversTheInvoicePathsWithHighLevelsOperationIds(
            org.springframework.boot.test.system.CapturedOutput output) {
        ApiResponse docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/invoices/settings")).isTrue();
        assertThat(paths.has("/invoices/generate-invoice-number")).isTrue();
        assertThat(paths.has("/invoices/{invoiceId}")).isTrue();
        assertThat(paths.has("/invoices") || paths.has("/invoices/")).isTrue();
        List<String> operationIds = new ArrayList<>();
        paths.forEach(path -> path.forEach(operation -> operationIds.add(operation.path("operationId").asString())));
        assertThat(operationIds).contains("get-invoice-settings", "generate-invoice-number", "get-invoice", "create-invoice",
                "list-invoices");

        JsonNode getSettings = paths.path("/invoices/settings").path("get");
        List<String> parameters = new ArrayList<>();
        getSettings.path("parameters").forEach(p -> parameters.add(p.path("in").asString() + ":" + p.path("name").asString()));
        assertThat(parameters).contains("header:Version").doesNotContain("query:caller", "query:tokenId", "query:scopes");
        assertThat(docs.json().path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.raw()).doesNotContain("/actuator");
        assertThat(output.getAll()).as("springdoc reads every operation without trouble").doesNotContain("Graceful exception");
    }

    @Test
    void theSwaggerUiIsServed() {
        ApiResponse redirect = get("/swagger-ui.html");
        assertThat(redirect.status()).isIn(200, 302);
        ApiResponse page = get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("swagger-ui");
    }
    @Test
    void theRootAnswersABrowserWithAPageThatSaysRemitIsRunningAndWhereToGoNext() {
        ApiResponse page = anonymous().extension().withHeader("Version", null)
                .withHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.raw()).contains("remit is running", "href=\"/swagger-ui.html\"", "href=\"/v3/api-docs\"",
                "href=\"/actuator/health\"", "data/bootstrap.json", "Authorization: Bearer");
        assertThat(dev.remit.support.Documents.htmlErrors(page.raw())).as("the page parses cleanly").isEmpty();

        // curl's default Accept (*/*) gets the page too; a client asking for JSON only keeps HighLevel's 404
        assertThat(anonymous().extension().withHeader("Version", null).withHeader("Accept", "*/*").get("/").status())
                .isEqualTo(200);
        ApiResponse json = anonymous().extension().withHeader("Version", null).withHeader("Accept", "application/json")
                .get("/");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.json().path("message").asString()).isEqualTo("Cannot GET /");
    }
}
