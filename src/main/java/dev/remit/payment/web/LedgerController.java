package dev.remit.payment.web;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.LocationAccess;
import dev.remit.api.MoneyJson;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceService;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * remit's own extension: {@code GET /invoices/{invoiceId}/payments?altId=...&altType=location}, the
 * invoice's ledger (record-payment's and the provider's payments; amountPaid is their sum) and the
 * provider's failed attempts.
 */
@RestController
public class LedgerController {

    private final InvoiceService invoices;
    private final LocationAccess access;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public LedgerController(InvoiceService invoices, LocationAccess access, JdbcClient jdbc,
            ObjectMapper json) {
        this.invoices = invoices;
        this.access = access;
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping(HighLevelPaths.INVOICE + "/payments")
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    public ObjectNode ledger(Caller caller, @PathVariable String invoiceId, HttpServletRequest http) {
        String locationId = access.locationOfQuery(caller, http.getParameterMap());
        Invoice invoice = invoices.load(locationId, invoiceId);

        ObjectNode answer = json.createObjectNode();
        answer.put("invoiceId", invoice.id());
        answer.put("currency", invoice.content().currency());
        answer.put("total", MoneyJson.plain(invoice.totals().total()));
        answer.put("amountPaid", MoneyJson.plain(invoice.amountPaid()));
        answer.put("amountDue", MoneyJson.plain(invoice.amountDue()));
        answer.put("status", invoice.status().wire());
        ArrayNode payments = answer.putArray("payments");
        for (InvoiceRepository.Payment p : invoices.payments(locationId, invoiceId)) {
            ObjectNode line = payments.addObject();
            line.put("_id", p.id());
            line.put("amount", MoneyJson.plain(p.amount()));
            line.put("currency", p.currency());
            line.put("mode", p.mode());
            line.put("source", p.source());
            if (p.cardBrand() != null || p.cardLast4() != null) {
                line.putObject("card").put("brand", p.cardBrand()).put("last4", p.cardLast4());
            }
            line.put("chequeNumber", p.chequeNumber());
            line.put("notes", p.notes());
            line.put("providerRef", p.providerRef());
            line.put("fulfilledAt", p.fulfilledAt() == null ? null : p.fulfilledAt().toString());
            line.put("createdAt", p.createdAt() == null ? null : p.createdAt().toString());
        }
        ArrayNode attempts = answer.putArray("failedAttempts");
        for (Map<String, Object> row : jdbc.sql("""
                select kind, attempt_no, amount, currency, provider_ref, failure_code, failure_message, created_at
                from payment_attempt where location_id = ? and invoice_id = ? and status = 'failed'
                order by created_at, attempt_no""").params(locationId, invoiceId).query().listOfRows()) {
            ObjectNode attempt = attempts.addObject();
            attempt.put("kind", String.valueOf(row.get("kind")));
            attempt.put("attempt", ((Number) row.get("attempt_no")).intValue());
            attempt.put("amount", MoneyJson.plain((BigDecimal) row.get("amount")));
            attempt.put("currency", String.valueOf(row.get("currency")));
            attempt.put("providerRef", (String) row.get("provider_ref"));
            attempt.put("failureCode", (String) row.get("failure_code"));
            attempt.put("failureMessage", (String) row.get("failure_message"));
            attempt.put("at", String.valueOf(row.get("created_at")));
        }
        return answer;
    }
}
