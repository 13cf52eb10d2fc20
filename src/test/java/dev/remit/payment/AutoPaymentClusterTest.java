package dev.remit.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.support.TestDatabase;
import dev.remit.support.Tenant;

/** Two servers on one database, both polling the same queue: every due invoice is charged once. */
class AutoPaymentClusterTest {

    @Test
    void twoInstancesChargeEachInvoiceOnce() {
        Map<String, Object> database = TestDatabase.fresh("cluster");
        try (RemitInstance a = RemitInstance.start(database, "node-a");
                RemitInstance b = RemitInstance.start(database, "node-b")) {
            Tenant tenant = a.connectedTenant("cluster");
            List<String> invoices = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String invoiceId = (i % 2 == 0 ? a : b).createInvoice(tenant, 100 + i);
                // Stripe is slow to answer: a second server has every chance to pick the same work.
                StripeStub.SERVER.stubFor(post(urlPathEqualTo("/v1/payment_intents")).withRequestBody(containing(invoiceId))
                        .willReturn(aResponse().withStatus(200).withFixedDelay(400).withHeader("Content-Type", "application/json")
                                .withBody(StripeStub.succeededIntent("pi_cluster_" + invoiceId, (100 + i) * 100L, "usd",
                                        invoiceId, tenant.locationId()))));
                invoices.add(invoiceId);
            }
            for (int i = 0; i < invoices.size(); i++) {
                (i % 2 == 0 ? b : a).sendWithAutoPayment(tenant, invoices.get(i));
                // and the send is repeated on the other node: still one scheduled charge
                (i % 2 == 0 ? a : b).bean(AutoPayments.class).scheduleAutoPayment(tenant.locationId(), invoices.get(i));
            }

            InvoiceService service = a.bean(InvoiceService.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> invoices.stream()
                    .allMatch(id -> service.load(tenant.locationId(), id).status() == InvoiceStatus.PAID));
            for (String id : invoices) {
                assertThat(StripeStub.requests("POST", "/v1/payment_intents", id)).as("charges of " + id).hasSize(1);
                assertThat(service.payments(tenant.locationId(), id)).as("ledger of " + id).hasSize(1);
            }
        }
    }
}
