package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TokenKind;

/**
 * HighLevel's gate on every /invoices operation, in the order it answers: Version header, bearer
 * token, the operation's scope (from the spec's security), then the location the token covers.
 * Runs against the test-only probe operations (dev.remit.support.ProbeController), which carry real
 * operationIds, so each gets that operation's security from HighLevel's spec.
 */
class GateTest extends ApiTestBase {

    static final String VERSION_MISSING = "{\"statusCode\":401,\"message\":\"version header was not found.\"}";
    static final String VERSION_INVALID = "{\"statusCode\":401,\"message\":\"version header is invalid\"}";
    static final String INVALID_TOKEN =
            "{\"statusCode\":401,\"message\":\"Invalid token: access token is invalid\",\"error\":\"Unauthorized\"}";
    static final String SCOPE_MISSING =
            "{\"statusCode\":401,\"message\":\"The token is not authorized for this scope.\",\"error\":\"Unauthorized\"}";
    static final String FORBIDDEN =
            "{\"statusCode\":403,\"message\":\"The token does not have access to this location.\",\"error\":\"Forbidden\"}";

    static String read(String locationId) {
        return "/invoices/_probe/settings?altId=" + locationId + "&altType=location";
    }

    static Map<String, Object> body(String locationId) {
        return Map.of("altId", locationId, "altType", "location", "name", "Repair",
                "items", List.of(Map.of("name", "Labour", "qty", 1, "amount", 100)));
    }

    private ApiClient probe(String token) {
        return new ApiClient(baseUrl(), token).extension();
    }

    private ApiResponse assertAnswer(ApiResponse response, int status, String exactBody) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (exactBody != null) {
            assertThat(ApiClient.tree(response.raw())).isEqualTo(ApiClient.tree(exactBody));
        }
        RateLimitTest.assertRateLimitHeaders(response);
        assertThat(response.header("X-Request-Id")).isNotBlank();
        return response;
    }

    @Test
    void missingVersionHeaderIs401BeforeAnythingElse() {
        Tenant tenant = newTenant();
        assertAnswer(probe(tenant.token()).withHeader("Version", null).get(read(tenant.locationId())), 401, VERSION_MISSING);
        // Even without a token, the Version header is checked first.
        assertAnswer(probe(null).withHeader("Version", null).get(read(tenant.locationId())), 401, VERSION_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-07-29", "2024-01-01", "v2", "latest"})
    void unknownVersionIs401(String version) {
        Tenant tenant = newTenant();
        assertAnswer(probe(tenant.token()).withHeader("Version", version).get(read(tenant.locationId())), 401, VERSION_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-04-15", "2021-07-28", "2023-02-21"})
    void everyPublishedVersionIsAccepted(String version) {
        Tenant tenant = newTenant();
        ApiResponse response = assertAnswer(probe(tenant.token()).withHeader("Version", version)
                .get(read(tenant.locationId())), 200, null);
        assertThat(response.json().path("altId").asString()).isEqualTo(tenant.locationId());
    }

    @Test
    void missingUnknownAndMalformedTokensAre401() {
        Tenant tenant = newTenant();
        assertAnswer(probe(null).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(probe("pit-" + "A".repeat(43)).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(probe("").get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(probe(null).withHeader("Authorization", "Basic " + tenant.token()).get(read(tenant.locationId())),
                401, INVALID_TOKEN);
        // a write is refused the same way
        assertAnswer(probe(tenant.token() + "x").post("/invoices/_probe/invoice", body(tenant.locationId())), 401,
                INVALID_TOKEN);
    }

    @Test
    void aRevokedTokenIs401AtOnce() {
        Tenant tenant = newTenant();
        var issued = tokens.issue(TokenKind.PRIVATE_INTEGRATION, tenant.companyId(), tenant.locationId(), "to revoke",
                Scopes.ALL);
        assertAnswer(probe(issued.secret()).get(read(tenant.locationId())), 200, null);
        assertThat(tokens.revoke(issued.token().id())).isTrue();
        assertAnswer(probe(issued.secret()).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        // the tenant's other token is untouched
        assertAnswer(probe(tenant.token()).get(read(tenant.locationId())), 200, null);
    }

    @Test
    void aTokenWithoutTheOperationsScopeIs401() {
        Tenant tenant = newTenant(List.of(Scopes.INVOICES_WRITE));
        assertAnswer(probe(tenant.token()).get(read(tenant.locationId())), 401, SCOPE_MISSING);
        assertAnswer(probe(tenant.token()).post("/invoices/_probe/invoice", body(tenant.locationId())), 200, null);

        Tenant reader = newTenant(List.of(Scopes.INVOICES_READONLY));
        assertAnswer(probe(reader.token()).get(read(reader.locationId())), 200, null);
        assertAnswer(probe(reader.token()).post("/invoices/_probe/invoice", body(reader.locationId())), 401, SCOPE_MISSING);

        Tenant templatesOnly = newTenant(List.of("invoices/template.readonly", "invoices/estimate.write"));
        assertAnswer(probe(templatesOnly.token()).get(read(templatesOnly.locationId())), 401, SCOPE_MISSING);
    }

    @Test
    void aLocationTokenIsForbiddenOnAnotherLocation() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        assertAnswer(probe(a.token()).get(read(b.locationId())), 403, FORBIDDEN);
        assertAnswer(probe(a.token()).post("/invoices/_probe/invoice", body(b.locationId())), 403, FORBIDDEN);
        // another location of A's own company is not A's either: a location token covers one location
        Location sibling = tenancy.createLocation(a.companyId(), "Second shop", "US", "UTC");
        assertAnswer(probe(a.token()).get(read(sibling.id())), 403, FORBIDDEN);
        // an id that names no location at all
        assertAnswer(probe(a.token()).get(read("0123456789abcdef01234567")), 403, FORBIDDEN);
    }

    @Test
    void anAgencyTokenCoversItsCompanysLocationsOnly() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        Location second = tenancy.createLocation(a.companyId(), "Second shop", "US", "UTC");
        String agency = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "agency", Scopes.ALL).secret();

        assertAnswer(probe(agency).get(read(a.locationId())), 200, null);
        assertAnswer(probe(agency).get(read(second.id())), 200, null);
        assertAnswer(probe(agency).post("/invoices/_probe/invoice", body(second.id())), 200, null);
        assertAnswer(probe(agency).get(read(b.locationId())), 403, FORBIDDEN);
        assertAnswer(probe(agency).post("/invoices/_probe/invoice", body(b.locationId())), 403, FORBIDDEN);

        String agencyReader = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "reader",
                List.of(Scopes.INVOICES_READONLY)).secret();
        assertAnswer(probe(agencyReader).post("/invoices/_probe/invoice", body(a.locationId())), 401, SCOPE_MISSING);
    }

    @Test
    void text2payAcceptsLocationTokensOnlyAsTheSpecSays() {
        Tenant tenant = newTenant();
        Map<String, Object> any = Map.of("altId", tenant.locationId());
        assertAnswer(probe(tenant.token()).post("/invoices/_probe/text2pay", any), 200, null);
        String locationAccess = tokens.issue(TokenKind.LOCATION_ACCESS, tenant.companyId(), tenant.locationId(), "lat",
                List.of(Scopes.INVOICES_WRITE)).secret();
        assertAnswer(probe(locationAccess).post("/invoices/_probe/text2pay", any), 200, null);
        String agency = tokens.issue(TokenKind.AGENCY, tenant.companyId(), null, "agency", Scopes.ALL).secret();
        assertAnswer(probe(agency).post("/invoices/_probe/text2pay", any), 401, SCOPE_MISSING);
    }

    @Test
    void altTypeMustBeLocation() {
        Tenant tenant = newTenant();
        ApiResponse response = assertAnswer(probe(tenant.token())
                .get("/invoices/_probe/settings?altId=" + tenant.locationId() + "&altType=company"), 422, null);
        assertThat(response.messages()).containsExactly("altType must be one of the following values: location");
        assertThat(response.json().path("error").asString()).isEqualTo("Unprocessable Entity");
    }

    @Test
    void aBodysUserMustHaveAccessToTheLocation() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        Map<String, Object> body = new java.util.HashMap<>(body(a.locationId()));
        body.put("userId", b.userId());
        ApiResponse response = assertAnswer(probe(a.token()).post("/invoices/_probe/invoice", body), 422, null);
        assertThat(response.messages()).containsExactly("userId must be a user with access to this location");
        body.put("userId", a.userId());
        assertAnswer(probe(a.token()).post("/invoices/_probe/invoice", body), 200, null);
    }
}
