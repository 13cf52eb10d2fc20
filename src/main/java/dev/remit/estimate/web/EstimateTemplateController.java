package dev.remit.estimate.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.MoneyJson;
import dev.remit.api.NumberString;
import dev.remit.estimate.EstimateTemplate;
import dev.remit.estimate.EstimateTemplateService;
import dev.remit.estimate.web.EstimateRequests.Alt;
import dev.remit.estimate.web.EstimateRequests.EstimateTemplateBody;
import dev.remit.estimate.web.EstimateRequests.PreviewQuery;
import dev.remit.estimate.web.EstimateRequests.TemplateListQuery;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.web.InvoiceContents;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.tenancy.Location;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The five estimate-template operations of HighLevel's Invoices API v2 (docs/estimates.md). */
@RestController
class EstimateTemplateController {

    static final String TEMPLATE = "/invoices/estimate/template/{templateId:(?!preview$).+}";

    private final EstimateTemplateService templates;
    private final ObjectMapper json;

    EstimateTemplateController(EstimateTemplateService templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    @PostMapping({"/invoices/estimate/template", "/invoices/estimate/template/"})
    @HighLevelOperation("create-estimate-template")
    @ResponseStatus(HttpStatus.CREATED)
    public ObjectNode create(@HighLevelBody EstimateTemplateBody body, Location location) {
        return view(templates.create(location.id(), content(body)));
    }

    @GetMapping({"/invoices/estimate/template", "/invoices/estimate/template/"})
    @HighLevelOperation("list-estimate-templates")
    public ObjectNode list(@HighLevelQuery TemplateListQuery query, Location location) {
        EstimateTemplateService.Page page = templates.list(location.id(), query.search(),
                NumberString.Check.parse(query.limit()), NumberString.Check.parse(query.offset()));
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        page.templates().forEach(template -> data.add(view(template)));
        answer.put("totalCount", page.total());
        answer.put("traceId", java.util.UUID.randomUUID().toString());
        return answer;
    }

    @GetMapping("/invoices/estimate/template/preview")
    @HighLevelOperation("preview-estimate-template")
    public ObjectNode preview(@HighLevelQuery PreviewQuery query, Location location) {
        return view(templates.load(location.id(), query.templateId()));
    }

    @PutMapping(TEMPLATE)
    @HighLevelOperation("update-estimate-template")
    public ObjectNode update(@PathVariable String templateId, @HighLevelBody EstimateTemplateBody body,
            Location location) {
        return view(templates.replace(location.id(), templateId, content(body)));
    }

    @DeleteMapping(TEMPLATE)
    @HighLevelOperation("delete-estimate-template")
    public ObjectNode delete(@PathVariable String templateId, @HighLevelBody Alt body, Location location) {
        ObjectNode deleted = view(templates.delete(location.id(), templateId));
        deleted.put("deleted", true);
        return deleted;
    }

    private EstimateTemplateService.Content content(EstimateTemplateBody body) {
        InvoiceContents.Figures figures = InvoiceContents.figures(body.currency(), body.lines(), body.discount(),
                body.miscellaneousCharges());
        ObjectNode document = json.createObjectNode();
        put(document, "businessDetails", body.businessDetails());
        ArrayNode items = document.putArray("items");
        for (int i = 0; i < figures.items().size(); i++) {
            LineItem line = figures.items().get(i);
            ObjectNode item = json.valueToTree(line);
            if (body.items().get(i).attachments() != null) {
                item.set("attachments", json.valueToTree(body.items().get(i).attachments()));
            }
            items.add(item);
        }
        put(document, "discount", figures.discount());
        put(document, "termsNotes", body.termsNotes());
        put(document, "liveMode", body.liveMode());
        put(document, "automaticTaxesEnabled", body.automaticTaxesEnabled());
        put(document, "meta", body.meta());
        put(document, "sendEstimateDetails", body.sendEstimateDetails());
        put(document, "estimateNumberPrefix", body.estimateNumberPrefix());
        put(document, "attachments", body.attachments());
        put(document, "miscellaneousCharges", body.miscellaneousCharges());
        return new EstimateTemplateService.Content(document, body.name(), body.title(), body.currency(),
                figures.totals().total());
    }

    /** A template as EstimateTemplateResponseDTO describes it, with every part it holds. */
    private ObjectNode view(EstimateTemplate template) {
        ObjectNode node = json.createObjectNode();
        node.put("_id", template.id());
        node.put("altId", template.locationId());
        node.put("altType", "location");
        node.put("name", template.name());
        if (template.title() != null) {
            node.put("title", template.title());
        }
        node.put("currency", template.currency());
        template.document().properties().forEach(part -> node.set(part.getKey(), part.getValue()));
        if (!node.has("liveMode")) {
            node.put("liveMode", true);
        }
        if (!node.has("automaticTaxesEnabled")) {
            node.put("automaticTaxesEnabled", false);
        }
        if (!node.has("businessDetails")) {
            node.putObject("businessDetails");
        }
        node.put("deleted", false);
        node.put("total", MoneyJson.plain(template.total()));
        node.put("createdAt", InvoiceResponse.timestamp(template.createdAt()));
        node.put("updatedAt", InvoiceResponse.timestamp(template.updatedAt()));
        node.put("__v", 0);
        return node;
    }

    private void put(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, json.valueToTree(value));
        }
    }
}
