package dev.remit.estimate.web;

import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.NumberString;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.estimate.EstimateRepository;
import dev.remit.estimate.EstimateService;
import dev.remit.estimate.EstimateTemplateService;
import dev.remit.estimate.web.EstimateRequests.Alt;
import dev.remit.estimate.web.EstimateRequests.CreateEstimate;
import dev.remit.estimate.web.EstimateRequests.CreateInvoiceFromEstimate;
import dev.remit.estimate.web.EstimateRequests.EstimateIdParam;
import dev.remit.estimate.web.EstimateRequests.ListQuery;
import dev.remit.estimate.web.EstimateRequests.UpdateEstimate;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The estimate operations of HighLevel's Invoices API v2 (issue 14); see docs/estimates.md. */
@RestController
class EstimateController {

    static final String ESTIMATE = "/invoices/estimate/{estimateId:(?!(?:list|template|number|stats)$).+}";

    private final EstimateService estimates;
    private final EstimateTemplateService templates;
    private final EstimateContents contents;
    private final EstimateViews views;
    private final InvoiceSettingsService settings;
    private final LocationAccess access;
    private final RequestBinder binder;
    private final ObjectMapper json;
    private final java.time.Clock clock;

    EstimateController(EstimateService estimates, EstimateTemplateService templates, EstimateContents contents,
            EstimateViews views, InvoiceSettingsService settings, LocationAccess access, RequestBinder binder,
            ObjectMapper json, java.time.Clock clock) {
        this.estimates = estimates;
        this.templates = templates;
        this.contents = contents;
        this.views = views;
        this.settings = settings;
        this.access = access;
        this.binder = binder;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping({"/invoices/estimate", "/invoices/estimate/"})
    @HighLevelOperation("create-new-estimate")
    @ResponseStatus(HttpStatus.CREATED)
    public ObjectNode create(Caller caller, @RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEstimate.class)))
            JsonNode raw) {
        // Bound here rather than by @HighLevelBody: remit's templateId extension (docs/estimates.md) fills the
        // body from the template before it is validated, once the token is known to cover its altId.
        JsonNode given = raw == null ? null : raw.get("altId");
        String altId = given != null && given.isString() ? given.asString() : null;
        access.requireIfPresent(caller, altId);
        Violations violations = new Violations();
        JsonNode merged = fromTemplate(raw, altId, violations);
        Location named = altId != null && Ids.isValid(altId) ? access.find(altId) : null;
        CreateEstimate body = binder.bind(merged, CreateEstimate.class, violations, named);
        violations.throwIfAny();
        access.require(caller, altId);
        Location location = access.location(altId);
        var content = contents.fromBody(body, null, location, settings.effective(location), today(location));
        return views.of(estimates.create(location.id(), content,
                body.estimateNumber() == null ? null : body.estimateNumber().toBigInteger().toString(), body.userId()));
    }

    /** The body with the named template's parts where the body has none of its own; unchanged without a templateId. */
    private JsonNode fromTemplate(JsonNode raw, String altId, Violations violations) {
        if (!(raw instanceof ObjectNode object) || !object.has("templateId")) {
            return raw;
        }
        ObjectNode body = object.deepCopy();
        JsonNode templateId = body.remove("templateId");
        if (!templateId.isString() || !Ids.isValid(templateId.asString())) {
            violations.add("templateId", "must be a mongodb id");
            return body;
        }
        if (altId == null || !Ids.isValid(altId)) {
            return body;
        }
        Optional<ObjectNode> start = templates.createBody(altId, templateId.asString());
        if (start.isEmpty()) {
            violations.add("templateId", "must name an estimate template of this location");
            return body;
        }
        ObjectNode result = start.get();
        body.properties().forEach(part -> result.set(part.getKey(), part.getValue()));
        return result;
    }

    @PutMapping(ESTIMATE)
    @HighLevelOperation("update-estimate")
    public ObjectNode update(@PathVariable String estimateId, @HighLevelBody UpdateEstimate body, Location location) {
        return views.of(estimates.update(location.id(), estimateId,
                body.estimateNumber() == null ? null : body.estimateNumber().toBigInteger().toString(),
                body.estimateStatus(), body.userId(),
                current -> contents.fromBody(body, current.content(), location, settings.effective(location),
                        today(location))));
    }

    @DeleteMapping(ESTIMATE)
    @HighLevelOperation("delete-estimate")
    public ObjectNode delete(@PathVariable String estimateId, @HighLevelBody Alt body, Location location) {
        ObjectNode deleted = views.of(estimates.delete(location.id(), estimateId));
        deleted.put("deleted", true);
        return deleted;
    }

    @GetMapping("/invoices/estimate/number/generate")
    @HighLevelOperation("generate-estimate-number")
    public ObjectNode generateNumber(Location location) {
        return json.createObjectNode().put("estimateNumber", estimates.nextNumber(location.id()))
                .put("traceId", java.util.UUID.randomUUID().toString());
    }

    @PostMapping(ESTIMATE + "/invoice")
    @HighLevelOperation("create-invoice-from-estimate")
    public ObjectNode createInvoice(@PathVariable String estimateId, @HighLevelBody CreateInvoiceFromEstimate body,
            Location location) {
        EstimateService.Invoiced invoiced = estimates.createInvoice(location.id(), estimateId, body.markAsInvoiced());
        ObjectNode answer = json.createObjectNode();
        answer.set("estimate", views.of(invoiced.estimate()));
        answer.set("invoice", json.valueToTree(InvoiceResponse.of(invoiced.invoice())));
        return answer;
    }

    @GetMapping({"/invoices/estimate/list", "/invoices/estimate/list/"})
    @HighLevelOperation("list-estimates")
    public ObjectNode list(@HighLevelQuery ListQuery query, Location location) {
        String status = query.status() == null || query.status().equals(EstimateRequests.STATUSES_ALL) ? null
                : query.status();
        EstimateRepository.Page page = estimates.list(location.id(), new EstimateRepository.Filter(status,
                query.startAt() == null ? null : IsoDate.Dates.parse(query.startAt()),
                query.endAt() == null ? null : IsoDate.Dates.parse(query.endAt()),
                query.search(), query.contactId() == null || query.contactId().isBlank() ? null : query.contactId()),
                NumberString.Check.parse(query.limit()), NumberString.Check.parse(query.offset()));
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("estimates");
        page.estimates().forEach(estimate -> list.add(views.of(estimate)));
        answer.put("total", page.total());
        answer.put("traceId", java.util.UUID.randomUUID().toString());
        return answer;
    }

    @PatchMapping("/invoices/estimate/stats/last-visited-at")
    @HighLevelOperation("update-estimate-last-visited-at")
    public ResponseEntity<Void> lastVisited(Caller caller, @HighLevelBody EstimateIdParam body) {
        Optional<String> location = caller.locationId() != null ? Optional.of(caller.locationId())
                : estimates.locationOf(body.estimateId()).filter(id -> access.covers(caller, id));
        if (location.isEmpty() || !estimates.recordVisit(location.get(), body.estimateId())) {
            throw ApiException.notFound("Estimate not found");
        }
        return ResponseEntity.ok().build();
    }

    private java.time.LocalDate today(Location location) {
        return EstimateContents.today(clock.instant(), estimates.zone(location.id()));
    }

}
