package dev.remit.estimate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.tenancy.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything done to estimate templates (docs/estimates.md), each in one transaction; and the start of
 * an estimate made from one (create-new-estimate's {@code templateId}, as create-invoice's).
 */
@Service
public class EstimateTemplateService {

    /** The parts of a template that create-new-estimate takes as its own defaults (the body wins where it has them). */
    static final List<String> ESTIMATE_PARTS = List.of("businessDetails", "currency", "items", "discount",
            "termsNotes", "title", "liveMode", "automaticTaxesEnabled", "meta", "estimateNumberPrefix", "attachments",
            "miscellaneousCharges");

    /** A template's stored parts and the figures computed from them. */
    public record Content(ObjectNode document, String name, String title, String currency, BigDecimal total) {
    }

    public record Page(List<EstimateTemplate> templates, long total) {
    }

    private final EstimateTemplateRepository repository;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    EstimateTemplateService(EstimateTemplateRepository repository, TransactionTemplate transaction,
            java.time.Clock clock) {
        this.repository = repository;
        this.transaction = transaction;
        this.clock = clock;
    }

    public EstimateTemplate create(String locationId, Content content) {
        Instant now = now();
        EstimateTemplate template = new EstimateTemplate(Ids.newId(), locationId, content.name(), content.title(),
                content.currency(), content.total(), content.document(), now, now);
        transaction.executeWithoutResult(status -> repository.insert(template));
        return template;
    }

    /** The template of this location, or 404 "Template not found" (also for another location's). */
    public EstimateTemplate load(String locationId, String templateId) {
        return find(locationId, templateId).orElseThrow(EstimateTemplateService::notFound);
    }

    public Optional<EstimateTemplate> find(String locationId, String templateId) {
        if (locationId == null || templateId == null || !Ids.isValid(templateId)) {
            return Optional.empty();
        }
        return repository.find(locationId, templateId);
    }

    /** Replaces the template's content (update-estimate-template); 404 when the location has none with this id. */
    public EstimateTemplate replace(String locationId, String templateId, Content content) {
        return transaction.execute(status -> {
            EstimateTemplate current = (Ids.isValid(templateId) ? repository.findForUpdate(locationId, templateId)
                    : Optional.<EstimateTemplate>empty()).orElseThrow(EstimateTemplateService::notFound);
            EstimateTemplate saved = new EstimateTemplate(current.id(), locationId, content.name(), content.title(),
                    content.currency(), content.total(), content.document(), current.createdAt(), now());
            repository.update(saved);
            return saved;
        });
    }

    /** Deletes the template and answers it as it was; 404 when the location has none with this id. */
    public EstimateTemplate delete(String locationId, String templateId) {
        return transaction.execute(status -> {
            EstimateTemplate current = (Ids.isValid(templateId) ? repository.findForUpdate(locationId, templateId)
                    : Optional.<EstimateTemplate>empty()).orElseThrow(EstimateTemplateService::notFound);
            repository.delete(locationId, templateId);
            return current;
        });
    }

    public Page list(String locationId, String search, int limit, int offset) {
        EstimateTemplateRepository.Page page = repository.list(locationId, search, limit, offset);
        return new Page(page.templates(), page.total());
    }

    /**
     * The create-new-estimate body properties the location's template holds (items without ids), or empty
     * when the location has no such template.
     */
    public Optional<ObjectNode> createBody(String locationId, String templateId) {
        return find(locationId, templateId).map(template -> {
            ObjectNode body = template.document().objectNode();
            body.put("name", template.name());
            for (String part : ESTIMATE_PARTS) {
                JsonNode value = template.document().get(part);
                if (value != null && !value.isNull()) {
                    body.set(part, value.deepCopy());
                }
            }
            if (template.title() != null) {
                body.put("title", template.title());
            }
            body.put("currency", template.currency());
            if (body.get("items") instanceof ArrayNode items) {
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
