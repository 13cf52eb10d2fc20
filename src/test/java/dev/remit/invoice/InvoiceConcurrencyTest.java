package dev.remit.invoice;

import static dev.remit.support.InvoiceBodies.create;
import static dev.remit.support.InvoiceBodies.item;
import static dev.remit.support.InvoiceBodies.payment;
import static dev.remit.support.InvoiceBodies.q;
import static dev.remit.support.InvoiceBodies.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

/** Creates and updates at once, over HTTP; run on H2 and on PostgreSQL. */
class InvoiceConcurrencyTest extends ApiTestBase {

    @Autowired
    InvoiceService service;

    private <T> List<T> atOnce(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 50));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHundredConcurrentCreatesGetAHundredDistinctNumbersWithoutGaps() throws Exception {
        Tenant tenant = newTenant();
        // exactly the burst the rate limit allows one location in 10 s
        List<ApiResponse> responses = atOnce(100, i -> () -> api(tenant).post("/invoices/", create(tenant)));
        Set<Long> numbers = new TreeSet<>();
        for (ApiResponse response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            numbers.add(Long.parseLong(response.json().path("invoiceNumber").asString()));
        }
        assertThat(numbers).hasSize(100);
        assertThat(numbers.iterator().next()).isEqualTo(1);
        assertThat(((TreeSet<Long>) numbers).last()).isEqualTo(100);
        assertThat(service.nextNumber(tenant.locationId())).isEqualTo(101);
    }

    @Test
    void racingUpdatesNeverLoseAWrite() throws Exception {
        Tenant tenant = newTenant();
        String id = api(tenant).post("/invoices/", create(tenant, List.of(item("Start", 1, 1)))).json()
                .path("_id").asString();
        long before = service.load(tenant.locationId(), id).version();
        int writers = 20;
        List<ApiResponse> responses = atOnce(writers, i -> () -> {
            Map<String, Object> body = update(tenant, List.of(item("Writer " + i, 1 + i, 1)));
            return api(tenant).put("/invoices/" + id, body);
        });
        responses.forEach(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        Invoice after = service.load(tenant.locationId(), id);
        // every one of the 20 writes was applied on top of the one before it: none was lost
        assertThat(after.version()).isEqualTo(before + writers);
        String lastName = after.content().items().get(0).name();
        assertThat(responses.stream().map(r -> r.json().path("invoiceItems").get(0).path("name").asString()))
                .contains(lastName);
    }

    @Test
    void racingPaymentsNeverOverpay() throws Exception {
        Tenant tenant = newTenant();
        String id = api(tenant).post("/invoices/", create(tenant, List.of(item("Work", 100, 1)))).json()
                .path("_id").asString();
        List<ApiResponse> responses = atOnce(30, i -> () -> api(tenant).post("/invoices/" + id + "/record-payment",
                payment(tenant, 10)));
        long accepted = responses.stream().filter(r -> r.status() == 200).count();
        assertThat(accepted).isEqualTo(10);
        responses.stream().filter(r -> r.status() != 200).forEach(r -> assertThat(r.status()).isEqualTo(422));
        ApiResponse invoice = api(tenant).get("/invoices/" + id + q(tenant));
        assertThat(invoice.json().path("status").asString()).isEqualTo("paid");
        assertThat(invoice.json().path("amountPaid").decimalValue()).isEqualByComparingTo("100");
        assertThat(service.payments(tenant.locationId(), id)).hasSize(10);
    }
}
