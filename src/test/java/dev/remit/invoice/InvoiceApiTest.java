package dev.remit.invoice;

import static dev.remit.invoice.InvoiceBodies.create;
import static dev.remit.invoice.InvoiceBodies.item;
import static dev.remit.invoice.InvoiceBodies.q;
import static dev.remit.invoice.InvoiceBodies.tax;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

class InvoiceApiTest extends ApiTestBase {

    @Test
    void createsAnInvoiceInTheSeedsShapeAndReadsItBack() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        Map<String, Object> line = item("Consulting", new BigDecimal("120.50"), 3);
        line.put("taxes", List.of(tax(8.25)));
        line.put("productId", "c6tZZU0rJBf30ZXx9Gli");
        ApiResponse created = api.post("/invoices/", create(tenant, List.of(line, item("Travel", 80, 1))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        var invoice = created.json();
        assertThat(invoice.path("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(invoice.path("status").asString()).isEqualTo("draft");
        assertThat(invoice.path("invoiceNumber").isString()).isTrue();
        assertThat(invoice.path("invoiceNumber").asString()).isEqualTo("1");
        assertThat(invoice.path("contactDetails").path("phoneNo").asString()).isEqualTo("+12145596993");
        assertThat(invoice.path("invoiceItems").get(0).path("_id").asString()).matches("[0-9a-f]{24}");
        // 3 × 120.50 = 361.50, tax 8.25% = 29.82375 → 29.82; + 80 → 471.32
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(invoice.path("amountDue").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("0");

        ApiResponse read = api.get("/invoices/" + invoice.path("_id").asString() + q(tenant));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("totalSummary").path("subTotal").decimalValue()).isEqualByComparingTo("441.50");
        assertThat(read.json().path("totalSummary").path("tax").decimalValue()).isEqualByComparingTo("29.82");
        assertThat(read.json().path("totalSummary").path("discount").decimalValue()).isEqualByComparingTo("0");
        assertThat(read.json().path("invoiceNumber").asString()).isEqualTo("1");
    }
}
