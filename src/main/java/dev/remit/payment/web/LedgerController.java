package dev.remit.payment.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceService;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * remit's own extension: {@code GET /invoices/{invoiceId}/payments?altId=...&altType=location}, the
 * invoice's ledger (record-payment's and the provider's payments; amountPaid is their sum) and the
 * provider's failed attempts.
 */
@RestController
public class LedgerController {

    private final InvoiceService invoices;
    private final JdbcClient jdbc;

    public LedgerController(InvoiceService invoices, JdbcClient jdbc) {
        this.invoices = invoices;
        this.jdbc = jdbc;
    }

    record Ledger(String invoiceId, String currency, BigDecimal total, BigDecimal amountPaid, BigDecimal amountDue,
            String status, List<Payment> payments, List<FailedAttempt> failedAttempts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "LedgerPayment")
    record Payment(@JsonProperty("_id") String id, BigDecimal amount, String currency, String mode, String source,
            @JsonInclude(JsonInclude.Include.NON_NULL) Card card, String chequeNumber, String notes, String providerRef,
            String fulfilledAt, String createdAt) {

        static Payment of(InvoiceRepository.Payment p) {
            return new Payment(p.id(), p.amount(), p.currency(), p.mode(), p.source(),
                    p.cardBrand() != null || p.cardLast4() != null ? new Card(p.cardBrand(), p.cardLast4()) : null,
                    p.chequeNumber(), p.notes(), p.providerRef(), text(p.fulfilledAt()), text(p.createdAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "LedgerCard")
    record Card(String brand, String last4) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FailedAttempt(String kind, int attempt, BigDecimal amount, String currency, String providerRef,
            String failureCode, String failureMessage, String at) {
    }

    @GetMapping(HighLevelPaths.INVOICE + "/payments")
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    public Ledger ledger(@PathVariable String invoiceId, Location location) {
        Invoice invoice = invoices.load(location.id(), invoiceId);
        List<FailedAttempt> attempts = jdbc.sql("""
                select kind, attempt_no, amount, currency, provider_ref, failure_code, failure_message, created_at
                from payment_attempt where location_id = ? and invoice_id = ? and status = 'failed'
                order by created_at, attempt_no""").params(location.id(), invoiceId).query().listOfRows().stream()
                .map(row -> new FailedAttempt(String.valueOf(row.get("kind")), ((Number) row.get("attempt_no")).intValue(),
                        (BigDecimal) row.get("amount"), String.valueOf(row.get("currency")), (String) row.get("provider_ref"),
                        (String) row.get("failure_code"), (String) row.get("failure_message"),
                        String.valueOf(row.get("created_at"))))
                .toList();
        return new Ledger(invoice.id(), invoice.content().currency(), invoice.totals().total(), invoice.amountPaid(),
                invoice.amountDue(), invoice.status().wire(),
                invoices.payments(location.id(), invoiceId).stream().map(Payment::of).toList(), attempts);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
