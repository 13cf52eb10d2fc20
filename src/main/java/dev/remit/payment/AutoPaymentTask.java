package dev.remit.payment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The durable auto-charge: one db-scheduler instance per invoice ({@code locationId:invoiceId}),
 * due on the invoice's due date. A dead execution (the instance running it died) is run again;
 * the claim row and the idempotency key make that safe.
 */
@Configuration(proxyBeanMethods = false)
class AutoPaymentTask {

    static final String NAME = "remit-auto-payment";

    @Bean
    CustomTask<String> autoPaymentCharge(AutoCharger charger) {
        return Tasks.custom(NAME, String.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String[] ids = instance.getId().split(":", 2);
                    return charger.run(ids[0], ids[1]);
                });
    }
}
