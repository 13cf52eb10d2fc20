package dev.remit.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.EstimateBodies;
import dev.remit.support.Tenant;

/** Each change EstimateService makes publishes its event once, with what its listeners need; a refusal publishes nothing. */
@RecordApplicationEvents
class EstimateEventsTest extends ApiTestBase {

    @Autowired
    EstimateService estimates;

    @Autowired
    ApplicationEvents events;

    private Estimate created(Tenant tenant, boolean autoInvoice) {
        Map<String, Object> body = EstimateBodies.create(tenant);
        body.put("autoInvoice", Map.of("enabled", autoInvoice, "directPayments", autoInvoice));
        ApiResponse response = api(tenant).post("/invoices/estimate", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return estimates.get(tenant.locationId(), response.json().path("_id").asString());
    }

    @Test
    void everyIntentPublishesItsEventWithTheExpiryAndAutoInvoice() {
        Tenant tenant = newTenant();
        String location = tenant.locationId();
        Estimate draft = created(tenant, true);
        Estimate copy = estimates.create(location, draft.content(), null, tenant.userId());
        EstimateCreated made = single(EstimateCreated.class);
        assertThat(made.estimateId()).isEqualTo(copy.id());
        assertThat(made.locationId()).isEqualTo(location);
        assertThat(made.expiryDate()).isEqualTo(LocalDate.of(2031, 3, 31));
        assertThat(made.autoInvoice()).isEqualTo(new AutoInvoice(true, true));
        assertThat(made.occurredAt()).isEqualTo(copy.createdAt());

        estimates.update(location, copy.id(), current -> current.content());
        assertThat(single(EstimateUpdated.class).expiryDate()).isEqualTo(LocalDate.of(2031, 3, 31));
        estimates.markSent(location, copy.id(), tenant.userId(), false);
        assertThat(single(EstimateSent.class).liveMode()).isFalse();
        estimates.recordVisit(location, copy.id());
        estimates.recordVisit(location, copy.id());
        assertThat(events.stream(EstimateViewed.class).count()).as("viewed once").isEqualTo(1);

        estimates.accept(location, copy.id(), "Alex Customer", null);
        estimates.accept(location, copy.id(), "Alex Customer", null);
        EstimateAccepted accepted = single(EstimateAccepted.class);
        assertThat(accepted.acceptedBy()).isEqualTo("Alex Customer");
        assertThat(accepted.autoInvoice().enabled()).isTrue();

        EstimateService.Invoiced invoiced = estimates.createInvoice(location, copy.id(), true);
        estimates.createInvoice(location, copy.id(), true);
        EstimateInvoiced linked = single(EstimateInvoiced.class);
        assertThat(linked.invoiceId()).isEqualTo(invoiced.invoice().id());
        assertThat(linked.markedInvoiced()).isTrue();

        estimates.markSent(location, draft.id(), null, null);
        estimates.decline(location, draft.id(), "Not now");
        assertThat(single(EstimateDeclined.class).reason()).isEqualTo("Not now");
        assertThatThrownBy(() -> estimates.accept(location, draft.id(), "Alex", null))
                .isInstanceOf(EstimateRuleException.class);
        assertThat(events.stream(EstimateAccepted.class).count()).as("a refusal publishes nothing").isEqualTo(1);
        estimates.delete(location, draft.id());
        assertThat(single(EstimateDeleted.class).estimateId()).isEqualTo(draft.id());
    }

    @Test
    void expiryPublishesOnceWhenDue() {
        Tenant tenant = newTenant();
        Map<String, Object> body = EstimateBodies.create(tenant);
        body.put("issueDate", "2026-01-01");
        body.put("expiryDate", "2026-01-31");
        ApiResponse response = api(tenant).post("/invoices/estimate", body);
        String id = response.json().path("_id").asString();
        assertThat(estimates.expire(tenant.locationId(), id)).isPresent();
        assertThat(estimates.expire(tenant.locationId(), id)).isPresent();
        // its estimate-expiry job, due at once, may have expired it first on the scheduler's thread, whose
        // events this test does not record: the history shows the one expiry whoever recorded it
        Estimate expired = estimates.get(tenant.locationId(), id);
        assertThat(expired.history()).filteredOn(action -> action.action().equals("expired")).hasSize(1);
        List<EstimateExpired> here = events.stream(EstimateExpired.class).toList();
        assertThat(here).hasSizeLessThanOrEqualTo(1);
        here.forEach(event -> assertThat(event.expiryDate()).isEqualTo(LocalDate.of(2026, 1, 31)));
        assertThat(estimates.expire(tenant.locationId(), "6578278e879ad2646715ba9c")).isEmpty();
        assertThat(estimates.isExpired(expired)).isTrue();
        assertThat(estimates.expiresAt(expired)).isEqualTo(LocalDate.of(2026, 2, 1)
                .atStartOfDay(estimates.zone(tenant.locationId())).toInstant());
    }

    private <T> T single(Class<T> type) {
        List<T> found = events.stream(type).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
