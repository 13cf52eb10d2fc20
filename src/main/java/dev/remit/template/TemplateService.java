package dev.remit.template;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.invoice.InvoiceTemplates;
import dev.remit.tenancy.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything done to invoice templates (docs/templates.md), each in one transaction; and the
 * starting point of an invoice created from a template.
 */
@Service
public class TemplateService implements InvoiceTemplates {

    /** The parts of a template that create-invoice takes as its own defaults (the body wins where it has them). */
    static final java.util.List<String> INVOICE_PARTS = java.util.List.of("businessDetails", "currency", "items",
            "discount", "termsNotes", "title", "tipsConfiguration", "lateFeesConfiguration", "invoiceNumberPrefix",
            "paymentMethods", "miscellaneousCharges", "automaticTaxesEnabled", "remindersConfiguration");

    /** What a change computes from the stored template: the new document, name, title, currency and total. */
    public record Content(ObjectNode document, String name, String title, String currency, BigDecimal total) {
    }

    private final TemplateRepository repository;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    TemplateService(TemplateRepository repository, TransactionTemplate transaction, java.time.Clock clock) {
        this.repository = repository;
        this.transaction = transaction;
        this.clock = clock;
    }

    public InvoiceTemplate create(String locationId, Content content) {
        Instant now = now();
        InvoiceTemplate template = new InvoiceTemplate(Ids.newId(), locationId, content.name(), content.title(),
                content.currency(), content.total(), content.document(), now, now);
        transaction.executeWithoutResult(status -> repository.insert(template));
        return template;
    }

    public InvoiceTemplate load(String locationId, String templateId) {
        return find(locationId, templateId).orElseThrow(TemplateService::notFound);
    }

    public Optional<InvoiceTemplate> find(String locationId, String templateId) {
        if (locationId == null || templateId == null || !Ids.isValid(templateId)) {
            return Optional.empty();
        }
        return repository.find(locationId, templateId);
    }

    /** Loads (locked), changes and saves the template in one transaction; 404 when the location has none with this id. */
    public InvoiceTemplate change(String locationId, String templateId, UnaryOperator<Content> change) {
        return transaction.execute(status -> {
            InvoiceTemplate current = (Ids.isValid(templateId) ? repository.findForUpdate(locationId, templateId)
                    : Optional.<InvoiceTemplate>empty()).orElseThrow(TemplateService::notFound);
            Content next = change.apply(new Content(current.document().deepCopy(), current.name(), current.title(),
                    current.currency(), current.total()));
            InvoiceTemplate saved = current.withDocument(next.document(), next.name(), next.title(), next.currency(),
                    next.total(), now());
            repository.update(saved);
            return saved;
        });
    }

    public void delete(String locationId, String templateId) {
        boolean deleted = Ids.isValid(templateId)
                && Boolean.TRUE.equals(transaction.execute(status -> repository.delete(locationId, templateId)));
        if (!deleted) {
            throw notFound();
        }
    }

    public TemplateRepository.Page list(String locationId, Instant from, Instant until, String search, int limit,
            int offset) {
        return repository.list(locationId, new TemplateRepository.Filter(from, until, search), limit, offset);
    }

    @Override
    public Optional<ObjectNode> createBody(String locationId, String templateId) {
        return find(locationId, templateId).map(template -> {
            ObjectNode body = template.document().objectNode();
            body.put("name", template.name());
            for (String part : INVOICE_PARTS) {
                JsonNode value = template.document().get(part);
                if (value != null && !value.isNull()) {
                    body.set(part, value.deepCopy());
                }
            }
            body.put("currency", template.currency());
            if (body.get("items") instanceof tools.jackson.databind.node.ArrayNode items) {
                // the invoice's lines get ids of their own
                items.forEach(item -> {
                    if (item instanceof ObjectNode line) {
                        line.remove("_id");
                    }
                });
            }
            return body;
        });
    }

    static ApiException notFound() {
        return ApiException.notFound("Template not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
