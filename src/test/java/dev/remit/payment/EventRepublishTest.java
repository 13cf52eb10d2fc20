package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.support.ApiClient;
import dev.remit.support.Tenant;
import dev.remit.support.TestDatabase;

/**
 * An event whose listener failed is not lost: Spring Modulith's registry (event_publication, in
 * remit's database) keeps it, and the next start publishes it again. Here payment's listener cannot
 * schedule the auto-charge of a send (the job table is away for a moment), and after a restart the
 * charge is scheduled.
 */
class EventRepublishTest {

    @Test
    void aSendWhoseChargeCouldNotBeScheduledIsScheduledAfterARestart() {
        Map<String, Object> database = TestDatabase.fresh("republish");
        Tenant tenant;
        String invoiceId;
        try (RemitInstance first = RemitInstance.start(database, "node-a")) {
            tenant = first.connectedTenant("republish");
            var created = new ApiClient(first.baseUrl(), tenant.token()).post("/invoices/",
                    InvoicePaymentFlowTest.createBody(tenant, 25, LocalDate.now().plusDays(40).toString()));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            invoiceId = created.json().path("_id").asString();
            JdbcClient jdbc = first.bean(JdbcClient.class);
            jdbc.sql("alter table scheduled_tasks rename to scheduled_tasks_away").update();
            try {
                first.sendWithAutoPayment(tenant, invoiceId);
            } finally {
                jdbc.sql("alter table scheduled_tasks_away rename to scheduled_tasks").update();
            }
            assertThat(autoCharges(jdbc, tenant, invoiceId)).as("the listener failed").isZero();
            assertThat(outstanding(jdbc)).as("its publication is kept").isEqualTo(1);
        }

        try (RemitInstance second = RemitInstance.start(database, "node-b")) {
            JdbcClient jdbc = second.bean(JdbcClient.class);
            String id = invoiceId;
            await().atMost(Duration.ofSeconds(30)).until(() -> autoCharges(jdbc, tenant, id) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> outstanding(jdbc) == 0);
        }
    }

    private static long autoCharges(JdbcClient jdbc, Tenant tenant, String invoiceId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(AutoPaymentTask.NAME, AutoPayments.instanceId(tenant.locationId(), invoiceId))
                .query(Long.class).single();
    }

    private static long outstanding(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like ?")
                .param("%AutoPaymentOnSend%").query(Long.class).single();
    }
}
