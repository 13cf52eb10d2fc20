package dev.remit.webhook.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.LocationAccess;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.webhook.Subscription;
import dev.remit.webhook.WebhookDelivery;
import dev.remit.webhook.WebhookEvent;
import dev.remit.webhook.WebhookService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * remit's own extension (docs/webhooks.md): a location's webhook subscriptions under {@code /webhooks},
 * with the location's token, scoped like every invoice operation (altId/altType in the query or body).
 */
@RestController
class WebhookController {

    static final String EVENTS = "InvoiceCreate InvoiceUpdate InvoiceDelete InvoiceSent InvoicePaid InvoicePartiallyPaid InvoiceVoid";
    private static final String NOT_FOUND = "Webhook subscription not found";

    private final WebhookService webhooks;
    private final LocationAccess access;
    private final RequestBinder binder;

    WebhookController(WebhookService webhooks, LocationAccess access, RequestBinder binder) {
        this.webhooks = webhooks;
        this.access = access;
        this.binder = binder;
    }

    record CreateSubscription(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 2048, message = "must be shorter than or equal to 2048 characters") String url,
            @NotNull @Size(min = 1, max = 13, message = "must contain between 1 and 13 elements") List<@NotNull @OneOf({
                    "InvoiceCreate", "InvoiceUpdate", "InvoiceDelete", "InvoiceSent", "InvoicePaid",
                    "InvoicePartiallyPaid", "InvoiceVoid", "InvoiceScheduleCreate", "InvoiceScheduleUpdate",
                    "InvoiceScheduleActive", "InvoiceScheduleCancel", "InvoiceScheduleComplete",
                    "InvoiceScheduleDelete"}) String> events,
            Boolean hmac) {
    }

    record ChangeSubscription(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType,
            @Size(max = 2048, message = "must be shorter than or equal to 2048 characters") String url,
            @Size(min = 1, max = 13, message = "must contain between 1 and 13 elements") List<@NotNull @OneOf({
                    "InvoiceCreate", "InvoiceUpdate", "InvoiceDelete", "InvoiceSent", "InvoicePaid",
                    "InvoicePartiallyPaid", "InvoiceVoid", "InvoiceScheduleCreate", "InvoiceScheduleUpdate",
                    "InvoiceScheduleActive", "InvoiceScheduleCancel", "InvoiceScheduleComplete",
                    "InvoiceScheduleDelete"}) String> events,
            Boolean hmac) {
    }

    record Alt(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    record LogQuery(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType,
            @Min(1) @Max(100) Integer limit, @Min(0) @Max(1_000_000) Integer offset) {
    }

    /** A subscription as the API shows it; the HMAC secret only when it was just made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String altId, String altType, String url, List<String> events, boolean hmac,
            String hmacSecret, boolean enabled, String disabledReason, Instant failingSince, Instant createdAt,
            Instant updatedAt) {

        static View of(Subscription s, boolean withSecret) {
            return new View(s.id(), s.locationId(), "location", s.url(), s.events().stream().map(WebhookEvent::type).toList(),
                    s.hmacSecret() != null, withSecret ? s.hmacSecret() : null, s.enabled(), s.disabledReason(),
                    s.failingSince(), s.createdAt(), s.updatedAt());
        }
    }

    /** A line of the delivery log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String id, String webhookId, String subscriptionId, String event, String invoiceId, boolean liveMode,
            String status, int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant lastAttemptAt,
            Instant nextAttemptAt, Instant deliveredAt, String replayOf) {

        static Line of(WebhookDelivery d) {
            return new Line(d.id(), d.webhookId(), d.subscriptionId(), d.eventType(), d.invoiceId(), d.liveMode(),
                    d.status().wire(), d.attempts(), d.lastStatus(), d.lastError(), d.createdAt(), d.lastAttemptAt(),
                    d.status() == WebhookDelivery.Status.QUEUED ? d.nextAttemptAt() : null, d.deliveredAt(), d.replayOf());
        }
    }

    @PostMapping({"/webhooks", "/webhooks/"})
    @ResponseStatus(HttpStatus.CREATED)
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    View create(Caller caller, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        CreateSubscription request = binder.bind(body, CreateSubscription.class, violations);
        checkUrl(request.url(), violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        try {
            return View.of(webhooks.subscribe(request.altId(), request.url(), events(request.events()),
                    Boolean.TRUE.equals(request.hmac())), true);
        } catch (WebhookService.Invalid invalid) {
            throw ApiException.unprocessable(List.of(invalid.getMessage()));
        }
    }

    @GetMapping({"/webhooks", "/webhooks/"})
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    Map<String, List<View>> list(Location location) {
        String locationId = location.id();
        return Map.of("webhooks", webhooks.subscriptions(locationId).stream().map(s -> View.of(s, false)).toList());
    }

    @GetMapping("/webhooks/{subscriptionId}")
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    View get(@PathVariable String subscriptionId, Location location) {
        String locationId = location.id();
        return View.of(found(locationId, subscriptionId), false);
    }

    @PutMapping("/webhooks/{subscriptionId}")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    View change(Caller caller, @PathVariable String subscriptionId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        ChangeSubscription request = binder.bind(body, ChangeSubscription.class, violations);
        checkUrl(request.url(), violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        found(request.altId(), subscriptionId);
        try {
            return webhooks.change(request.altId(), subscriptionId, request.url(),
                    request.events() == null ? null : events(request.events()), request.hmac())
                    .map(s -> View.of(s, Boolean.TRUE.equals(request.hmac())))
                    .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        } catch (WebhookService.Invalid invalid) {
            throw ApiException.unprocessable(List.of(invalid.getMessage()));
        }
    }

    @DeleteMapping("/webhooks/{subscriptionId}")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    Map<String, Object> delete(@PathVariable String subscriptionId, Location location) {
        String locationId = location.id();
        found(locationId, subscriptionId);
        webhooks.unsubscribe(locationId, subscriptionId);
        return Map.of("success", true, "id", subscriptionId);
    }

    @PostMapping("/webhooks/{subscriptionId}/enable")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    View enable(Caller caller, @PathVariable String subscriptionId, @RequestBody JsonNode body) {
        String locationId = alt(caller, body);
        found(locationId, subscriptionId);
        return View.of(webhooks.enable(locationId, subscriptionId).orElseThrow(() -> ApiException.notFound(NOT_FOUND)), false);
    }

    @PostMapping("/webhooks/{subscriptionId}/disable")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    View disable(Caller caller, @PathVariable String subscriptionId, @RequestBody JsonNode body) {
        String locationId = alt(caller, body);
        found(locationId, subscriptionId);
        return View.of(webhooks.disable(locationId, subscriptionId, null).orElseThrow(() -> ApiException.notFound(NOT_FOUND)), false);
    }

    @GetMapping("/webhooks/{subscriptionId}/deliveries")
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    Map<String, Object> deliveries(Caller caller, @PathVariable String subscriptionId, HttpServletRequest http) {
        String[] altId = http.getParameterMap().get("altId");
        access.requireIfPresent(caller, altId == null || altId.length == 0 ? null : altId[altId.length - 1]);
        Violations violations = new Violations();
        LogQuery query = binder.bindQuery(http.getParameterMap(), LogQuery.class, violations);
        violations.throwIfAny();
        access.require(caller, query.altId());
        found(query.altId(), subscriptionId);
        int limit = query.limit() == null ? 50 : query.limit();
        int offset = query.offset() == null ? 0 : query.offset();
        return Map.of("deliveries", webhooks.log(query.altId(), subscriptionId, limit, offset).stream().map(Line::of).toList(),
                "total", webhooks.logSize(query.altId(), subscriptionId));
    }

    @PostMapping("/webhooks/deliveries/{deliveryId}/replay")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    Line replay(Caller caller, @PathVariable String deliveryId, @RequestBody JsonNode body) {
        String locationId = alt(caller, body);
        return webhooks.replay(locationId, deliveryId).map(Line::of)
                .orElseThrow(() -> ApiException.notFound("Webhook delivery not found"));
    }

    private String alt(Caller caller, JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        Alt request = binder.bind(body, Alt.class, violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        return request.altId();
    }

    private static void checkUrl(String url, Violations violations) {
        String refusal = url == null || url.isBlank() ? null : WebhookService.urlRefusal(url);
        if (refusal != null) {
            violations.addMessage(refusal);
        }
    }

    private Subscription found(String locationId, String subscriptionId) {
        return webhooks.subscription(locationId, subscriptionId).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    private static List<WebhookEvent> events(List<String> types) {
        return types.stream().map(t -> WebhookEvent.ofType(t).orElseThrow()).toList();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    static List<String> eventTypes() {
        return Arrays.asList(EVENTS.split(" "));
    }
}
