package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;

/** An invoice's times come from the server's Clock: moving the test clock moves them, without sleeping. */
@ClockServerTest
class InvoiceTimesTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    InvoiceService invoices;

    @Test
    void createdUpdatedSentAndVisitedAtAreTheClocksTime() throws Exception {
        Tenant tenant = newTenant();
        Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ApiResponse create = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        assertThat(create.status()).as(create.toString()).isEqualTo(200);
        String id = create.json().path("_id").asString();
        assertThat(create.json().path("createdAt").asString()).isEqualTo(WIRE.format(created));
        assertThat(create.json().path("updatedAt").asString()).isEqualTo(WIRE.format(created));

        Instant updated = clock.advance(Duration.ofHours(2).plusMillis(250)).truncatedTo(ChronoUnit.MILLIS);
        ApiResponse update = api(tenant).put("/invoices/" + id,
                InvoiceBodies.update(tenant, List.of(InvoiceBodies.item("Macbook Air", 799, 1))));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(update.json().path("createdAt").asString()).isEqualTo(WIRE.format(created));
        assertThat(update.json().path("updatedAt").asString()).isEqualTo(WIRE.format(updated));

        Instant sent = clock.advance(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        ApiResponse send = api(tenant).post("/invoices/" + id + "/send", manualSend(tenant));
        assertThat(send.status()).as(send.toString()).isEqualTo(200);
        ApiResponse shown = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant));
        assertThat(shown.json().path("sentAt").asString()).isEqualTo(WIRE.format(sent));
        assertThat(shown.json().path("updatedAt").asString()).isEqualTo(WIRE.format(sent));
        assertThat(shown.json().path("createdAt").asString()).isEqualTo(WIRE.format(created));

        Instant visited = clock.advance(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        assertThat(page(invoices.load(tenant.locationId(), id).publicToken()).statusCode()).isEqualTo(200);
        assertThat(api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json().path("lastVisitedAt").asString())
                .isEqualTo(WIRE.format(visited));
    }

    /** The location is in Chicago: the invoice is overdue from midnight there after its due date, by the clock. */
    @Test
    void theHostedPageTurnsOverdueWhenTheClockPassesTheDueDateInTheLocationsZone() throws Exception {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        LocalDate due = today.plusDays(7);
        Map<String, Object> body = InvoiceBodies.create(tenant);
        body.put("issueDate", today.toString());
        body.put("dueDate", due.toString());
        String id = api(tenant).post("/invoices/", body).json().path("_id").asString();
        assertThat(api(tenant).post("/invoices/" + id + "/send", manualSend(tenant)).status()).isEqualTo(200);
        String token = invoices.load(tenant.locationId(), id).publicToken();
        assertThat(page(token).body()).doesNotContain("Overdue");

        Instant midnightAfterDue = due.plusDays(1).atStartOfDay(CHICAGO).toInstant();
        clock.set(midnightAfterDue.minusSeconds(1));
        assertThat(page(token).body()).doesNotContain("Overdue");

        clock.advance(Duration.ofSeconds(1));
        assertThat(page(token).body()).contains("Overdue");
    }

    private static Map<String, Object> manualSend(Tenant tenant) {
        Map<String, Object> send = InvoiceBodies.seedSend(tenant, "send_manually", true);
        send.remove("autoPayment");
        return send;
    }

    private HttpResponse<String> page(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/i/" + token))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
