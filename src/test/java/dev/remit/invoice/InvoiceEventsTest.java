package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each change InvoiceService makes publishes its event, with what a listener needs. */
@RecordApplicationEvents
class InvoiceEventsTest extends ApiTestBase {

    @Autowired
    InvoiceService invoices;

    @Autowired
    ApplicationEvents events;

    private Invoice draft(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/",
                InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Consulting", 100, 1))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return invoices.load(tenant.locationId(), created.json().path("_id").asString());
    }

    static JsonNode autoPayment(boolean enable) {
        return JsonMapper.builder().build().readTree("""
                {"enable": %s, "type": "card", "paymentMethodId": "pm_card_visa", "customerId": "cus_seed01",
                 "card": {"brand": "visa", "last4": "4242"}}""".formatted(enable));
    }

    private static InvoiceService.PaymentInput cash(String amount) {
        return new InvoiceService.PaymentInput(new BigDecimal(amount), "cash", null, null, null, null, null, null, null,
                null);
    }

    @Test
    void createUpdateSendAndPaymentsPublishTheirEvents() {
        Tenant tenant = newTenant();
        String location = tenant.locationId();
        Invoice template = draft(tenant);

        Invoice created = invoices.create(location, template.content(), null);
        InvoiceCreated createdEvent = single(InvoiceCreated.class);
        assertThat(createdEvent.locationId()).isEqualTo(location);
        assertThat(createdEvent.invoiceId()).isEqualTo(created.id());
        assertThat(createdEvent.occurredAt()).isEqualTo(created.createdAt());
        assertThat(createdEvent.invoice().status()).isEqualTo(InvoiceStatus.DRAFT);
        assertThat(createdEvent.invoice().invoiceNumber()).isEqualTo(created.invoiceNumber());

        invoices.revise(location, created.id(), Invoice::content);
        assertThat(single(InvoiceUpdated.class).invoiceId()).isEqualTo(created.id());

        invoices.send(location, created.id(), SendAction.EMAIL, true, autoPayment(true), unchecked -> { });
        InvoiceSent sent = single(InvoiceSent.class);
        assertThat(sent.kind()).isEqualTo(Invoice.SendKind.FIRST);
        assertThat(sent.liveMode()).isTrue();
        assertThat(sent.action()).isEqualTo(SendAction.EMAIL);
        assertThat(sent.autoPayment().enable()).isTrue();
        assertThat(sent.autoPayment().customerId()).isNotBlank();
        assertThat(sent.autoPayment().paymentMethodId()).isNotBlank();
        assertThat(sent.invoice().status()).isEqualTo(InvoiceStatus.SENT);

        invoices.recordPayment(location, created.id(), cash("40"));
        PaymentRecorded first = single(PaymentRecorded.class);
        assertThat(first.amount()).isEqualByComparingTo("40");
        assertThat(first.currency()).isEqualTo(created.content().currency());
        assertThat(first.source()).isEqualTo("manual");
        InvoicePartiallyPaid partially = single(InvoicePartiallyPaid.class);
        assertThat(partially.paymentId()).isEqualTo(first.paymentId());
        assertThat(partially.invoice().amountDue()).isEqualByComparingTo("60");
        assertThat(events.stream(InvoicePaid.class)).isEmpty();

        invoices.recordPayment(location, created.id(), cash("60"));
        assertThat(events.stream(PaymentRecorded.class)).hasSize(2);
        InvoicePaid paid = single(InvoicePaid.class);
        assertThat(paid.invoice().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.invoice().amountDue()).isEqualByComparingTo("0");
    }

    @Test
    void aSendWithoutAutoPaymentSaysNothingAboutIt() {
        Tenant tenant = newTenant();
        Invoice invoice = draft(tenant);
        invoices.send(tenant.locationId(), invoice.id(), SendAction.SEND_MANUALLY, null, null, unchecked -> { });
        InvoiceSent sent = single(InvoiceSent.class);
        assertThat(sent.autoPayment()).isNull();
        assertThat(sent.liveMode()).isEqualTo(invoice.content().liveMode());

        invoices.send(tenant.locationId(), invoice.id(), SendAction.SMS, false, autoPayment(false),
                unchecked -> { });
        InvoiceSent again = events.stream(InvoiceSent.class).skip(1).findFirst().orElseThrow();
        assertThat(again.kind()).isEqualTo(Invoice.SendKind.AGAIN);
        assertThat(again.autoPayment().enable()).isFalse();
    }

    @Test
    void voidAndDeletePublishTheInvoiceAsItWas() {
        Tenant tenant = newTenant();
        Invoice toVoid = draft(tenant);
        invoices.send(tenant.locationId(), toVoid.id(), SendAction.SEND_MANUALLY, null, null, unchecked -> { });
        invoices.voidInvoice(tenant.locationId(), toVoid.id());
        InvoiceVoided voided = single(InvoiceVoided.class);
        assertThat(voided.invoiceId()).isEqualTo(toVoid.id());
        assertThat(voided.invoice().status()).isEqualTo(InvoiceStatus.VOID);

        Invoice toDelete = draft(tenant);
        invoices.delete(tenant.locationId(), toDelete.id());
        InvoiceDeleted deleted = single(InvoiceDeleted.class);
        assertThat(deleted.locationId()).isEqualTo(tenant.locationId());
        assertThat(deleted.invoice().invoiceNumber()).isEqualTo(toDelete.invoiceNumber());
        assertThat(deleted.invoice().content().name()).isEqualTo(toDelete.content().name());
        assertThat(deleted.invoice().toInvoice().totals().total()).isEqualByComparingTo(toDelete.totals().total());
    }

    @Test
    void aRefusedChangePublishesNothing() {
        Tenant tenant = newTenant();
        Invoice invoice = draft(tenant);
        try {
            invoices.voidInvoice(tenant.locationId(), invoice.id());
        } catch (InvoiceRuleException expected) {
            // drafts cannot be voided
        }
        assertThat(events.stream(InvoiceVoided.class)).isEmpty();
    }

    private <T> T single(Class<T> type) {
        List<T> found = events.stream(type).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
