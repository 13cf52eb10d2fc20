package dev.remit.invoice;

import static dev.remit.support.InvoiceBodies.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import dev.remit.admin.AdminCommand;

/** {@code remit admin settings ...} changes what GET /invoices/settings answers. */
class InvoiceSettingsAdminTest extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    private int admin(StringWriter out, StringWriter err, String... args) {
        return AdminCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), context, args);
    }

    @Test
    void setThenShowThenReadOverTheApi() {
        Tenant tenant = newTenant();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = admin(out, err, "settings", "set", "--location", tenant.locationId(), "--prefix", "ACME-",
                "--title", "TAX INVOICE", "--terms", "Net 7", "--due-after-days", "7", "--from-name", "Acme Billing",
                "--from-email", "billing@acme.example", "--business-name", "Acme LLC", "--business-phone", "214-559-6993");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"invoiceNumberPrefix\" : \"ACME-\"");

        StringWriter shown = new StringWriter();
        assertThat(admin(shown, new StringWriter(), "settings", "show", "--location", tenant.locationId())).isZero();
        assertThat(shown.toString()).contains("TAX INVOICE", "+12145596993", "billing@acme.example");

        ApiResponse settings = api(tenant).get("/invoices/settings" + q(tenant));
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().path("invoiceNumberPrefix").asString()).isEqualTo("ACME-");
        assertThat(settings.json().path("dueAfterXDays").asInt()).isEqualTo(7);
        assertThat(settings.json().path("termsNote").asString()).isEqualTo("Net 7");
        assertThat(settings.json().path("senderConfiguration").path("fromName").asString()).isEqualTo("Acme Billing");
        assertThat(settings.json().path("businessDetails").path("name").asString()).isEqualTo("Acme LLC");

        StringWriter bad = new StringWriter();
        assertThat(admin(new StringWriter(), bad, "settings", "set", "--location", tenant.locationId(), "--title",
                "x".repeat(41))).isEqualTo(2);
        assertThat(bad.toString()).contains("title must be shorter than or equal to 40 characters");
        assertThat(admin(new StringWriter(), new StringWriter(), "settings", "show", "--location",
                "6578278e879ad2646715ba9c")).isNotZero();
    }

    @Test
    void paymentInstructionsAreSetAndRemovedFromTheCommandLine() {
        Tenant tenant = newTenant();
        StringWriter err = new StringWriter();
        assertThat(admin(new StringWriter(), err, "settings", "set", "--location", tenant.locationId(),
                "--payment-instructions", "Bank transfer: sort code 20-20-15, account 55555555")).as(err.toString()).isZero();
        assertThat(api(tenant).get("/invoices/settings" + q(tenant)).json().path("paymentInstructions").asString())
                .isEqualTo("Bank transfer: sort code 20-20-15, account 55555555");

        StringWriter iban = new StringWriter();
        assertThat(admin(new StringWriter(), iban, "settings", "set", "--location", tenant.locationId(),
                "--payment-instructions", "IBAN GB33 BUKB 2020 1555 5555 55")).isEqualTo(2);
        assertThat(iban.toString()).contains("looks like a full card or bank account number").doesNotContain("GB33");
        assertThat(api(tenant).get("/invoices/settings" + q(tenant)).json().path("paymentInstructions").asString())
                .isEqualTo("Bank transfer: sort code 20-20-15, account 55555555");

        StringWriter tooLong = new StringWriter();
        assertThat(admin(new StringWriter(), tooLong, "settings", "set", "--location", tenant.locationId(),
                "--payment-instructions", "x".repeat(2001))).isEqualTo(2);
        assertThat(tooLong.toString()).contains("paymentInstructions must be shorter than or equal to 2000 characters");

        assertThat(admin(new StringWriter(), new StringWriter(), "settings", "set", "--location", tenant.locationId(),
                "--payment-instructions", "")).isZero();
        assertThat(api(tenant).get("/invoices/settings" + q(tenant)).json().has("paymentInstructions")).isFalse();
    }
}
