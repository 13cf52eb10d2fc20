package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/**
 * A request's Content-Type names what its body is; a range such as {@code *}{@code /*} or
 * {@code application/*} names nothing. On every path, with or without a body, it is a 415 in
 * HighLevel's shape, and never a 500.
 */
class MediaTypeRangeTest extends ApiTestBase {

    static final String NOT_A_MEDIA_TYPE = "{\"statusCode\":415,\"message\":\"Content-Type is not a valid media type\",\"error\":\"Unsupported Media Type\"}";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aMediaTypeRangeAsTheContentTypeIs415OnEveryPath() throws Exception {
        Tenant tenant = newTenant();
        String create = ApiClient.json(InvoiceBodies.create(tenant));
        for (String range : List.of("*/*", "application/*", "*/*; charset=utf-8")) {
            for (String[] call : List.of(
                    new String[] {"POST", "/invoices/", create},
                    new String[] {"PUT", "/invoices/settings", ApiClient.json(InvoiceBodies.alt(tenant))},
                    new String[] {"GET", "/invoices/" + InvoiceBodies.q(tenant) + "&limit=1&offset=0", null},
                    new String[] {"GET", "/actuator/health", null},
                    new String[] {"POST", "/payments/stripe/webhook/" + tenant.locationId(), "{}"})) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + call[1]))
                        .method(call[0], call[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call[2]))
                        .header("Content-Type", range).header("Version", ApiClient.VERSION)
                        .header("Authorization", "Bearer " + tenant.token());
                HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s %s with Content-Type %s: %s", call[0], call[1], range, answer.body()).isEqualTo(415);
                assertThat(ApiClient.tree(answer.body())).isEqualTo(ApiClient.tree(NOT_A_MEDIA_TYPE));
            }
        }
    }

    @Test
    void aConcreteContentTypeStillReachesTheOperation() {
        Tenant tenant = newTenant();
        assertThat(api(tenant).post("/invoices/", InvoiceBodies.create(tenant)).status()).isEqualTo(200);
    }
}
