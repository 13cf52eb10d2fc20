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

    /** A real operation of the API: get-invoice-settings (invoices.readonly, location and agency tokens). */
    static String read(String locationId) {
        return "/invoices/settings?altId=" + locationId + "&altType=location";
    }

    /** Another: generate-invoice-number. */
    static String number(String locationId) {
        return "/invoices/generate-invoice-number?altId=" + locationId + "&altType=location";
    }

    /** create-invoice, refused at the gate before its body matters. */
    static final String CREATE = "/invoices/";

    static Map<String, Object> body(String locationId) {
        return Map.of("altId", locationId, "altType", "location", "name", "Repair",
                "items", List.of(Map.of("name", "Labour", "qty", 1, "amount", 100)));
    }

    /** Checks every answer against HighLevel's spec (with the README's corrections). */
    private ApiClient client(String token) {
        return new ApiClient(baseUrl(), token);
    }

    /** For the test-only probe operations, which the spec does not describe. */
    private ApiClient probe(String token) {
        return client(token).extension();
    }

    static Map<String, Object> alt(String locationId) {
        return Map.of("altId", locationId, "altType", "location");
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
        assertAnswer(client(tenant.token()).withHeader("Version", null).get(read(tenant.locationId())), 401, VERSION_MISSING);
        // Even without a token, the Version header is checked first.
        assertAnswer(client(null).withHeader("Version", null).get(read(tenant.locationId())), 401, VERSION_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-07-29", "2024-01-01", "v2", "latest"})
    void unknownVersionIs401(String version) {
        Tenant tenant = newTenant();
        assertAnswer(client(tenant.token()).withHeader("Version", version).get(read(tenant.locationId())), 401, VERSION_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-04-15", "2021-07-28", "2023-02-21"})
    void everyPublishedVersionIsAccepted(String version) {
        Tenant tenant = newTenant();
        ApiResponse response = assertAnswer(client(tenant.token()).withHeader("Version", version)
                .get(read(tenant.locationId())), 200, null);
        assertAnswer(client(tenant.token()).withHeader("Version", version).get(number(tenant.locationId())), 200, null);
    }

    @Test
    void missingUnknownAndMalformedTokensAre401() {
        Tenant tenant = newTenant();
        assertAnswer(client(null).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(client("pit-" + "A".repeat(43)).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(client("").get(read(tenant.locationId())), 401, INVALID_TOKEN);
        assertAnswer(client(null).withHeader("Authorization", "Basic " + tenant.token()).get(read(tenant.locationId())),
                401, INVALID_TOKEN);
        // a write is refused the same way
        assertAnswer(client(tenant.token() + "x").post(CREATE, alt(tenant.locationId())), 401,
                INVALID_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
    void theBearerSchemeIsMatchedWithoutRegardToCase(String scheme) {
        Tenant tenant = newTenant();
        assertAnswer(client(null).withHeader("Authorization", scheme + " " + tenant.token()).get(read(tenant.locationId())),
                200, null);
        assertAnswer(client(null).withHeader("Authorization", scheme + "x " + tenant.token()).get(read(tenant.locationId())),
                401, INVALID_TOKEN);
    }

    /** The first header line is the client's; the second is the token the client itself sends. */
    @Test
    void moreThanOneAuthorizationHeaderIs401WhicheverComesFirst() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String unknown = "pit-" + "A".repeat(43);
        assertAnswer(client(unknown).withHeader("Authorization", "Bearer " + a.token()).get(read(a.locationId())),
                401, INVALID_TOKEN);
        assertAnswer(client(a.token()).withHeader("Authorization", "Bearer " + unknown).get(read(a.locationId())),
                401, INVALID_TOKEN);
        assertAnswer(client(a.token()).withHeader("Authorization", "Bearer " + a.token()).get(read(a.locationId())),
                401, INVALID_TOKEN);
        assertAnswer(client(b.token()).withHeader("Authorization", "Bearer " + a.token()).get(read(a.locationId())),
                401, INVALID_TOKEN);
        assertAnswer(client(b.token()).withHeader("Authorization", "Bearer " + a.token()).post(CREATE, invoice(a.locationId())),
                401, INVALID_TOKEN);
        // one header is still accepted
        assertAnswer(client(a.token()).get(read(a.locationId())), 200, null);
    }

    @Test
    void aRevokedTokenIs401AtOnce() {
        Tenant tenant = newTenant();
        var issued = tokens.issue(TokenKind.PRIVATE_INTEGRATION, tenant.companyId(), tenant.locationId(), "to revoke",
                Scopes.ALL);
        assertAnswer(client(issued.secret()).get(read(tenant.locationId())), 200, null);
        assertThat(tokens.revoke(issued.token().id())).isTrue();
        assertAnswer(client(issued.secret()).get(read(tenant.locationId())), 401, INVALID_TOKEN);
        // the tenant's other token is untouched
        assertAnswer(client(tenant.token()).get(read(tenant.locationId())), 200, null);
    }

    @Test
    void aTokenWithoutTheOperationsScopeIs401() {
        Tenant tenant = newTenant(List.of(Scopes.INVOICES_WRITE));
        assertAnswer(client(tenant.token()).get(read(tenant.locationId())), 401, SCOPE_MISSING);
        assertAnswer(probe(tenant.token()).post("/invoices/_probe/invoice", body(tenant.locationId())), 200, null);

        Tenant reader = newTenant(List.of(Scopes.INVOICES_READONLY));
        assertAnswer(client(reader.token()).get(read(reader.locationId())), 200, null);
        assertAnswer(client(reader.token()).post(CREATE, alt(reader.locationId())), 401, SCOPE_MISSING);

        Tenant templatesOnly = newTenant(List.of("invoices/template.readonly", "invoices/estimate.write"));
        assertAnswer(client(templatesOnly.token()).get(read(templatesOnly.locationId())), 401, SCOPE_MISSING);
    }

    @Test
    void aLocationTokenIsForbiddenOnAnotherLocation() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        assertAnswer(client(a.token()).get(read(b.locationId())), 403, FORBIDDEN);
        assertAnswer(client(a.token()).get(number(b.locationId())), 403, FORBIDDEN);
        assertAnswer(client(b.token()).get(number(a.locationId())), 403, FORBIDDEN);
        assertAnswer(client(a.token()).post(CREATE, alt(b.locationId())), 403, FORBIDDEN);
        // another location of A's own company is not A's either: a location token covers one location
        Location sibling = tenancy.createLocation(a.companyId(), "Second shop", "US", "UTC");
        assertAnswer(client(a.token()).get(read(sibling.id())), 403, FORBIDDEN);
        // an id that names no location at all
        assertAnswer(client(a.token()).get(read("0123456789abcdef01234567")), 403, FORBIDDEN);
    }

    /** A create-invoice body as a HighLevel client sends it. */
    static Map<String, Object> invoice(String locationId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("altId", locationId);
        body.put("altType", "location");
        body.put("name", "Gate check");
        body.put("businessDetails", Map.of("name", "Acme Plumbing"));
        body.put("currency", "USD");
        body.put("items", List.of(Map.of("name", "Labour", "currency", "USD", "amount", 100, "qty", 1)));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", Map.of("id", "c6tZZU0rJBf30ZXx9Gli", "name", "Alex Customer",
                "phoneNo", "+12145596993", "email", "alex@example.com"));
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", "2026-02-10");
        body.put("sentTo", Map.of("email", List.of("alex@example.com")));
        body.put("liveMode", false);
        return body;
    }

    @Test
    void whatBelongsToAnotherLocationIs403UnderItsIdAnd404UnderOnesOwn() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        ApiResponse created = assertAnswer(client(b.token()).post(CREATE, invoice(b.locationId())), 200, null);
        String invoiceOfB = created.json().path("_id").asString();
        assertAnswer(client(b.token()).get("/invoices/" + invoiceOfB + "?altId=" + b.locationId() + "&altType=location"),
                200, null);
        // A's token naming B's location: the gate's 403
        assertAnswer(client(a.token()).get("/invoices/" + invoiceOfB + "?altId=" + b.locationId() + "&altType=location"),
                403, FORBIDDEN);
        assertAnswer(client(a.token()).post(CREATE, invoice(b.locationId())), 403, FORBIDDEN);
        // A's token asking for B's invoice under A's own location: there is no such invoice there
        assertAnswer(client(a.token()).get("/invoices/" + invoiceOfB + "?altId=" + a.locationId() + "&altType=location"),
                404, "{\"statusCode\":404,\"message\":\"Invoice not found\",\"error\":\"Not Found\"}");
    }

    @Test
    void anAgencyTokenCoversItsCompanysLocationsOnly() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        Location second = tenancy.createLocation(a.companyId(), "Second shop", "US", "UTC");
        String agency = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "agency", Scopes.ALL).secret();

        assertAnswer(client(agency).get(read(a.locationId())), 200, null);
        assertAnswer(client(agency).get(read(second.id())), 200, null);
        assertAnswer(probe(agency).post("/invoices/_probe/invoice", body(second.id())), 200, null);
        assertAnswer(client(agency).post(CREATE, invoice(second.id())), 200, null);
        assertAnswer(client(agency).get(read(b.locationId())), 403, FORBIDDEN);
        assertAnswer(client(agency).post(CREATE, alt(b.locationId())), 403, FORBIDDEN);

        String agencyReader = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "reader",
                List.of(Scopes.INVOICES_READONLY)).secret();
        assertAnswer(client(agencyReader).post(CREATE, alt(a.locationId())), 401, SCOPE_MISSING);
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
        ApiResponse response = assertAnswer(client(tenant.token())
                .get("/invoices/settings?altId=" + tenant.locationId() + "&altType=company"), 422, null);
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
