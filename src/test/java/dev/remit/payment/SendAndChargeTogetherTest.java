package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.support.ApiClient;
import dev.remit.support.Tenant;
import dev.remit.support.TestDatabase;

/**
 * A send and the auto-charge it asks for commit together: payment's listener schedules the charge
 * inside the send's transaction, so a send whose charge cannot be scheduled (the job table is away for
 * a moment) is refused whole, leaving a draft and no charge, and the same send afterwards is sent with
 * exactly one charge.
 */
class SendAndChargeTogetherTest {

    @Test
    void aSendWhoseChargeCannotBeScheduledIsRefusedWholeAndSucceedsLater() {
        Map<String, Object> database = TestDatabase.fresh("send_and_charge");
        try (RemitInstance remit = RemitInstance.start(database, "node-a")) {
            Tenant tenant = remit.connectedTenant("together");
            ApiClient api = new ApiClient(remit.baseUrl(), tenant.token());
            var created = api.post("/invoices/",
                    InvoicePaymentFlowTest.createBody(tenant, 25, LocalDate.now().plusDays(40).toString()));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String invoiceId = created.json().path("_id").asString();
            JdbcClient jdbc = remit.bean(JdbcClient.class);

            jdbc.sql("alter table scheduled_tasks rename to scheduled_tasks_away").update();
            try {
                assertThatThrownBy(() -> remit.sendWithAutoPayment(tenant, invoiceId)).as("the charge could not be scheduled")
                        .isInstanceOf(RuntimeException.class);
            } finally {
                jdbc.sql("alter table scheduled_tasks_away rename to scheduled_tasks").update();
            }
            assertThat(status(api, tenant, invoiceId)).as("the send rolled back with its charge").isEqualTo("draft");
            assertThat(autoCharges(jdbc, tenant, invoiceId)).isZero();

            remit.sendWithAutoPayment(tenant, invoiceId);
            assertThat(status(api, tenant, invoiceId)).isEqualTo("sent");
            assertThat(autoCharges(jdbc, tenant, invoiceId)).as("scheduled by the time the send committed").isEqualTo(1);
        }
    }

    private static String status(ApiClient api, Tenant tenant, String invoiceId) {
        return api.get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location").json()
                .path("status").asString();
    }

    private static long autoCharges(JdbcClient jdbc, Tenant tenant, String invoiceId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(AutoPaymentTask.NAME, AutoPayments.instanceId(tenant.locationId(), invoiceId))
                .query(Long.class).single();
    }
}
