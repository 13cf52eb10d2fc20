package dev.remit.proof;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.remit.support.EstimateBodies;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;

/**
 * Every operation remit serves, as data: method, path, and a valid query and body for a target
 * (an invoice, and a draft schedule for the schedule operations). The fuzzer and the cross-location matrix both walk this list, so a new operation is one
 * line here. An operation whose route the server does not have yet (it answers "Cannot POST ...")
 * is skipped by both, so entries for work in progress on other branches can wait here.
 */
final class Operations {

    private Operations() {
    }

    /** What a valid request is about: a tenant, one of its invoices, one of its (draft) schedules and one of its templates. */
    record Target(Tenant tenant, String invoiceId, String publicToken, String scheduleId, String templateId,
            String estimateId, String estimateTemplateId) {

        /** The same target aimed at another invoice of its tenant. */
        Target withInvoice(String otherInvoiceId, String otherPublicToken) {
            return new Target(tenant, otherInvoiceId, otherPublicToken, scheduleId, templateId, estimateId,
                    estimateTemplateId);
        }

        /** The same resources with another tenant (its altId) in the request. */
        Target withTenant(Tenant other) {
            return new Target(other, invoiceId, publicToken, scheduleId, templateId, estimateId, estimateTemplateId);
        }
    }

    /** A draft estimate and an estimate template of the tenant, for a target (each costs one request). */
    static String[] estimateResources(dev.remit.support.ApiClient client, Tenant tenant) {
        var estimate = client.post("/invoices/estimate", EstimateBodies.create(tenant));
        var template = client.post("/invoices/estimate/template", EstimateBodies.template(tenant));
        return new String[] {estimate.json().path("_id").asString(), template.json().path("_id").asString()};
    }

    /** How answers are judged: HighLevel's contract, remit's own JSON extension, or a public HTML/PDF page. */
    enum Surface {
        SPEC, EXTENSION, PUBLIC
    }

    record Operation(String id, String method, String path, Surface surface,
            Function<Target, Map<String, String>> query, Function<Target, Object> body) {

        /** The path with {@code id} as the invoice, schedule or template id it names, and the location's webhook ids. */
        String path(Target target, String id) {
            String[] webhook = WEBHOOKS.getOrDefault(target.tenant().locationId(), NO_WEBHOOK);
            return path.replace("{invoiceId}", id).replace("{scheduleId}", id).replace("{templateId}", id)
                    .replace("{estimateId}", id).replace("{estimateTemplateId}", id).replace("{token}", target.publicToken())
                    .replace("{estimateToken}", ESTIMATE_TOKENS.getOrDefault(target.estimateId(), NO_ESTIMATE_TOKEN))
                    .replace("{locationId}", target.tenant().locationId())
                    .replace("{subscriptionId}", webhook[0]).replace("{deliveryId}", webhook[1]);
        }

        /** Whether the path names an invoice, a schedule or a template (and so can be pointed at another location's). */
        boolean onInvoice() {
            return path.contains("{invoiceId}") || path.contains("{scheduleId}") || onTemplate() || onEstimate();
        }

        boolean onTemplate() {
            return path.contains("{templateId}");
        }

        /** Whether the path names an estimate or an estimate template. */
        boolean onEstimate() {
            return path.contains("{estimateId}") || path.contains("{estimateTemplateId}");
        }

        /** The id of the target's resource this operation's path names: its schedule or template, else its invoice. */
        String resourceId(Target target) {
            return path.contains("{scheduleId}") ? target.scheduleId() : onTemplate() ? target.templateId()
                    : path.contains("{estimateId}") ? target.estimateId()
                    : path.contains("{estimateTemplateId}") ? target.estimateTemplateId() : target.invoiceId();
        }

        /** Whether a request of this operation changes the target for good (later requests then see 404 or 400). */
        boolean destructive() {
            return id.equals("delete-invoice") || id.equals("void-invoice") || id.equals("delete-invoice-schedule")
                    || id.equals("cancel-invoice-schedule") || id.equals("delete-invoice-template")
                    || id.equals("delete-estimate") || id.equals("delete-estimate-template")
                    || id.equals("create-invoice-from-estimate");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * A location's webhook subscription and one of its logged webhooks, for the {@code /webhooks}
     * operations' paths; a location without one gets ids that name nothing (its answers are 404).
     */
    static final Map<String, String[]> WEBHOOKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String[] NO_WEBHOOK = {"6578278e879ad2646715ba9c", "6578278e879ad2646715ba9d"};

    /**
     * The public tokens of the targets' estimates, for the estimate page's paths (set by the tests that
     * read them); an estimate without one gets a well-formed token that names nothing (a 404 page).
     */
    static final Map<String, String> ESTIMATE_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String NO_ESTIMATE_TOKEN = "A".repeat(43);

    static void estimateToken(String estimateId, String token) {
        ESTIMATE_TOKENS.put(estimateId, token);
    }

    static Map<String, Object> estimateSendBody(Target t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", t.tenant().locationId());
        body.put("altType", "location");
        body.put("action", "email");
        body.put("liveMode", false);
        body.put("userId", t.tenant().userId());
        body.put("sentFrom", new LinkedHashMap<>(Map.of("fromName", "Alex", "fromEmail", "alex@example.com")));
        body.put("estimateName", "Estimate");
        return body;
    }

    static void webhook(String locationId, String subscriptionId, String deliveryId) {
        WEBHOOKS.put(locationId, new String[] {subscriptionId, deliveryId});
    }

    static Map<String, Object> webhookBody(Target t) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("altId", t.tenant().locationId(), "altType", "location"));
        body.put("url", "https://hooks.example.invalid/remit");
        body.put("events", new ArrayList<>(List.of("InvoiceCreate", "InvoicePaid")));
        body.put("hmac", false);
        return body;
    }

    static Map<String, Object> altBody(Target t) {
        return new LinkedHashMap<>(Map.of("altId", t.tenant().locationId(), "altType", "location"));
    }

    static Map<String, String> alt(Target t) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("altId", t.tenant().locationId());
        query.put("altType", "location");
        return query;
    }

    static Map<String, String> listQuery(Target t) {
        Map<String, String> query = alt(t);
        query.put("limit", "10");
        query.put("offset", "0");
        query.put("status", "draft");
        query.put("startAt", "2026-01-01");
        query.put("endAt", "2026-12-31");
        query.put("search", "Invoice");
        query.put("paymentMode", "default");
        query.put("contactId", "c6tZZU0rJBf30ZXx9Gli");
        query.put("sortField", "issueDate");
        query.put("sortOrder", "descend");
        return query;
    }

    static Map<String, Object> sendBody(Target t, String action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", t.tenant().locationId());
        body.put("altType", "location");
        body.put("userId", t.tenant().userId());
        body.put("action", action);
        body.put("liveMode", false);
        body.put("sentFrom", new LinkedHashMap<>(Map.of("fromName", "Alex", "fromEmail", "alex@example.com")));
        Map<String, Object> auto = new LinkedHashMap<>();
        auto.put("enable", true);
        auto.put("type", "card");
        auto.put("paymentMethodId", "pm_1");
        auto.put("customerId", "cus_1");
        auto.put("card", new LinkedHashMap<>(Map.of("brand", "visa", "last4", "4242")));
        body.put("autoPayment", auto);
        return body;
    }

    static Map<String, Object> settingsBody(Target t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", t.tenant().locationId());
        body.put("altType", "location");
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing", "phoneNo", "+12145596993")));
        body.put("senderConfiguration", new LinkedHashMap<>(Map.of("fromName", "Acme", "fromEmail", "billing@acme.example")));
        body.put("invoiceNumberPrefix", "INV-");
        body.put("dueAfterXDays", 30);
        body.put("termsNote", "Pay within 30 days");
        body.put("title", "INVOICE");
        return body;
    }

    static Map<String, String> templateListQuery(Target t) {
        Map<String, String> query = alt(t);
        query.put("limit", "10");
        query.put("offset", "0");
        query.put("status", "active");
        query.put("startAt", "2026-01-01");
        query.put("endAt", "2036-12-31");
        query.put("search", "retainer");
        query.put("paymentMode", "default");
        return query;
    }

    static Map<String, Object> templateUpdate(Target t) {
        Map<String, Object> body = TemplateBodies.create(t.tenant());
        for (String notInUpdate : List.of("automaticTaxesEnabled", "tipsConfiguration", "lateFeesConfiguration",
                "invoiceNumberPrefix", "paymentMethods", "attachments")) {
            body.remove(notInUpdate);
        }
        return body;
    }

    static Map<String, Object> lateFeesBody(Target t) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.alt(t.tenant()));
        body.put("lateFeesConfiguration", TemplateBodies.lateFees(5, "fixed", 1, "week", 3, 20));
        return body;
    }

    static Map<String, Object> paymentMethodsBody(Target t) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.alt(t.tenant()));
        body.put("paymentMethods", new LinkedHashMap<>(Map.of("stripe", new LinkedHashMap<>(Map.of("enableBankDebitOnly", true)))));
        return body;
    }

    static Map<String, Object> text2pay(Target t) {
        Map<String, Object> body = InvoiceBodies.create(t.tenant());
        body.put("action", "draft");
        body.put("userId", t.tenant().userId());
        return body;
    }

    static Map<String, String> scheduleListQuery(Target t) {
        Map<String, String> query = alt(t);
        query.put("limit", "10");
        query.put("offset", "0");
        query.put("status", "draft");
        query.put("startAt", "2026-01-01");
        query.put("endAt", "2031-12-31");
        query.put("search", "retainer");
        query.put("paymentMode", "default");
        return query;
    }

    static Map<String, Object> scheduleUpdate(Target t) {
        Map<String, Object> body = ScheduleBodies.create(t.tenant(), ScheduleBodies.monthly("2031-05-01", 15));
        body.put("name", "Quarterly retainer");
        return body;
    }

    static Map<String, String> estimateListQuery(Target t) {
        Map<String, String> query = alt(t);
        query.put("limit", "10");
        query.put("offset", "0");
        query.put("status", "draft");
        query.put("startAt", "2026-01-01");
        query.put("endAt", "2036-12-31");
        query.put("search", "remodel");
        query.put("contactId", "c6tZZU0rJBf30ZXx9Gli");
        return query;
    }

    static Map<String, String> estimateTemplateListQuery(Target t) {
        Map<String, String> query = alt(t);
        query.put("limit", "10");
        query.put("offset", "0");
        query.put("search", "Remodel");
        return query;
    }

    private static Function<Target, Map<String, String>> none() {
        return t -> new LinkedHashMap<>();
    }

    private static Function<Target, Object> noBody() {
        return t -> null;
    }

    static final List<Operation> ALL = List.of(
            new Operation("create-invoice", "POST", "/invoices/", Surface.SPEC, none(), t -> InvoiceBodies.create(t.tenant())),
            new Operation("list-invoices", "GET", "/invoices/", Surface.SPEC, Operations::listQuery, noBody()),
            new Operation("get-invoice", "GET", "/invoices/{invoiceId}", Surface.SPEC, Operations::alt, noBody()),
            new Operation("update-invoice", "PUT", "/invoices/{invoiceId}", Surface.SPEC, none(),
                    t -> InvoiceBodies.update(t.tenant(), List.of(InvoiceBodies.item("Consulting", 120, 2)))),
            new Operation("delete-invoice", "DELETE", "/invoices/{invoiceId}", Surface.SPEC, Operations::alt, noBody()),
            new Operation("void-invoice", "POST", "/invoices/{invoiceId}/void", Surface.SPEC, none(),
                    t -> new LinkedHashMap<>(InvoiceBodies.alt(t.tenant()))),
            new Operation("record-invoice", "POST", "/invoices/{invoiceId}/record-payment", Surface.SPEC, none(),
                    t -> InvoiceBodies.payment(t.tenant(), 10)),
            new Operation("generate-invoice-number", "GET", "/invoices/generate-invoice-number", Surface.SPEC, Operations::alt, noBody()),
            new Operation("get-invoice-settings", "GET", "/invoices/settings", Surface.SPEC, Operations::alt, noBody()),
            new Operation("put-invoice-settings", "PUT", "/invoices/settings", Surface.EXTENSION, none(), Operations::settingsBody),
            new Operation("update-invoice-last-visited-at", "PATCH", "/invoices/stats/last-visited-at", Surface.SPEC, none(),
                    t -> new LinkedHashMap<>(Map.of("invoiceId", t.invoiceId()))),
            new Operation("send-invoice", "POST", "/invoices/{invoiceId}/send", Surface.SPEC, none(), t -> sendBody(t, "email")),
            new Operation("text2pay-invoice", "POST", "/invoices/text2pay", Surface.SPEC, none(), Operations::text2pay),
            new Operation("invoice-deliveries", "GET", "/invoices/{invoiceId}/deliveries", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("invoice-pdf", "GET", "/invoices/{invoiceId}/pdf", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("hosted-page", "GET", "/i/{token}", Surface.PUBLIC, none(), noBody()),
            new Operation("hosted-page-pdf", "GET", "/i/{token}/pdf", Surface.PUBLIC, none(), noBody()),
            new Operation("hosted-page-pay", "POST", "/i/{token}/pay", Surface.PUBLIC, none(), noBody()),
            new Operation("invoice-payments", "GET", "/invoices/{invoiceId}/payments", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("stripe-webhook", "POST", "/payments/stripe/webhook/{locationId}", Surface.PUBLIC, none(),
                    Operations::stripeEvent),
            new Operation("update-invoice-late-fees-configuration", "PATCH", "/invoices/{invoiceId}/late-fees-configuration",
                    Surface.SPEC, none(), Operations::lateFeesBody),
            new Operation("create-invoice-template", "POST", "/invoices/template", Surface.SPEC, none(),
                    t -> TemplateBodies.create(t.tenant())),
            new Operation("list-invoice-templates", "GET", "/invoices/template", Surface.SPEC, Operations::templateListQuery,
                    noBody()),
            new Operation("get-invoice-template", "GET", "/invoices/template/{templateId}", Surface.SPEC, Operations::alt,
                    noBody()),
            new Operation("update-invoice-template", "PUT", "/invoices/template/{templateId}", Surface.SPEC, none(),
                    Operations::templateUpdate),
            new Operation("delete-invoice-template", "DELETE", "/invoices/template/{templateId}", Surface.SPEC,
                    Operations::alt, noBody()),
            new Operation("update-invoice-template-late-fees-configuration", "PATCH",
                    "/invoices/template/{templateId}/late-fees-configuration", Surface.SPEC, none(), Operations::lateFeesBody),
            new Operation("update-invoice-payment-methods-configuration", "PATCH",
                    "/invoices/template/{templateId}/payment-methods-configuration", Surface.SPEC, none(),
                    Operations::paymentMethodsBody),
            new Operation("create-invoice-schedule", "POST", "/invoices/schedule", Surface.SPEC, none(),
                    t -> ScheduleBodies.create(t.tenant())),
            new Operation("list-invoice-schedules", "GET", "/invoices/schedule", Surface.SPEC, Operations::scheduleListQuery,
                    noBody()),
            new Operation("get-invoice-schedule", "GET", "/invoices/schedule/{scheduleId}", Surface.SPEC, Operations::alt,
                    noBody()),
            new Operation("update-invoice-schedule", "PUT", "/invoices/schedule/{scheduleId}", Surface.SPEC, none(),
                    Operations::scheduleUpdate),
            new Operation("delete-invoice-schedule", "DELETE", "/invoices/schedule/{scheduleId}", Surface.SPEC,
                    Operations::alt, noBody()),
            new Operation("update-and-schedule-invoice-schedule", "POST", "/invoices/schedule/{scheduleId}/updateAndSchedule",
                    Surface.SPEC, none(), Operations::scheduleUpdate),
            new Operation("schedule-invoice-schedule", "POST", "/invoices/schedule/{scheduleId}/schedule", Surface.SPEC,
                    none(), t -> ScheduleBodies.schedule(t.tenant(), false)),
            new Operation("auto-payment-invoice-schedule", "POST", "/invoices/schedule/{scheduleId}/auto-payment",
                    Surface.SPEC, none(), t -> ScheduleBodies.autoPayment(t.tenant(), t.scheduleId(), true)),
            new Operation("cancel-invoice-schedule", "POST", "/invoices/schedule/{scheduleId}/cancel", Surface.SPEC, none(),
                    t -> new LinkedHashMap<>(InvoiceBodies.alt(t.tenant()))),
            new Operation("create-new-estimate", "POST", "/invoices/estimate", Surface.SPEC, none(),
                    t -> EstimateBodies.create(t.tenant())),
            new Operation("update-estimate", "PUT", "/invoices/estimate/{estimateId}", Surface.SPEC, none(),
                    t -> EstimateBodies.update(t.tenant())),
            new Operation("delete-estimate", "DELETE", "/invoices/estimate/{estimateId}", Surface.SPEC, none(),
                    Operations::altBody),
            new Operation("generate-estimate-number", "GET", "/invoices/estimate/number/generate", Surface.SPEC,
                    Operations::alt, noBody()),
            new Operation("create-invoice-from-estimate", "POST", "/invoices/estimate/{estimateId}/invoice", Surface.SPEC,
                    none(), t -> EstimateBodies.toInvoice(t.tenant(), true)),
            new Operation("list-estimates", "GET", "/invoices/estimate/list", Surface.SPEC, Operations::estimateListQuery,
                    noBody()),
            new Operation("send-estimate", "POST", "/invoices/estimate/{estimateId}/send", Surface.SPEC, none(),
                    Operations::estimateSendBody),
            new Operation("estimate-deliveries", "GET", "/invoices/estimate/{estimateId}/deliveries", Surface.EXTENSION,
                    Operations::alt, noBody()),
            new Operation("estimate-page", "GET", "/e/{estimateToken}", Surface.PUBLIC, none(), noBody()),
            new Operation("estimate-page-pdf", "GET", "/e/{estimateToken}/pdf", Surface.PUBLIC, none(), noBody()),
            new Operation("estimate-page-accept", "POST", "/e/{estimateToken}/accept", Surface.PUBLIC, none(), noBody()),
            new Operation("estimate-page-decline", "POST", "/e/{estimateToken}/decline", Surface.PUBLIC, none(), noBody()),
            new Operation("update-estimate-last-visited-at", "PATCH", "/invoices/estimate/stats/last-visited-at",
                    Surface.SPEC, none(), t -> new LinkedHashMap<>(Map.of("estimateId", t.estimateId()))),
            new Operation("list-estimate-templates", "GET", "/invoices/estimate/template", Surface.SPEC,
                    Operations::estimateTemplateListQuery, noBody()),
            new Operation("create-estimate-template", "POST", "/invoices/estimate/template", Surface.SPEC, none(),
                    t -> EstimateBodies.template(t.tenant())),
            new Operation("update-estimate-template", "PUT", "/invoices/estimate/template/{estimateTemplateId}",
                    Surface.SPEC, none(), t -> EstimateBodies.template(t.tenant())),
            new Operation("delete-estimate-template", "DELETE", "/invoices/estimate/template/{estimateTemplateId}",
                    Surface.SPEC, none(), Operations::altBody),
            new Operation("preview-estimate-template", "GET", "/invoices/estimate/template/preview", Surface.SPEC,
                    t -> { Map<String, String> q = alt(t); q.put("templateId", t.estimateTemplateId()); return q; },
                    noBody()),
            new Operation("create-webhook", "POST", "/webhooks", Surface.EXTENSION, none(), Operations::webhookBody),
            new Operation("list-webhooks", "GET", "/webhooks", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("get-webhook", "GET", "/webhooks/{subscriptionId}", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("update-webhook", "PUT", "/webhooks/{subscriptionId}", Surface.EXTENSION, none(), Operations::webhookBody),
            new Operation("enable-webhook", "POST", "/webhooks/{subscriptionId}/enable", Surface.EXTENSION, none(), Operations::altBody),
            new Operation("disable-webhook", "POST", "/webhooks/{subscriptionId}/disable", Surface.EXTENSION, none(), Operations::altBody),
            new Operation("webhook-deliveries", "GET", "/webhooks/{subscriptionId}/deliveries", Surface.EXTENSION,
                    t -> { Map<String, String> q = alt(t); q.put("limit", "10"); q.put("offset", "0"); return q; }, noBody()),
            new Operation("replay-webhook", "POST", "/webhooks/deliveries/{deliveryId}/replay", Surface.EXTENSION, none(),
                    Operations::altBody),
            new Operation("delete-webhook", "DELETE", "/webhooks/{subscriptionId}", Surface.EXTENSION, Operations::alt, noBody()),
            new Operation("webhook-public-key", "GET", "/webhooks/public-key", Surface.PUBLIC, none(), noBody()),
            new Operation("webhook-public-keys", "GET", "/webhooks/public-keys", Surface.PUBLIC, none(), noBody()));

    /** A Stripe event as Stripe posts it (unsigned: the campaign has no webhook secret, so it is refused). */
    static Map<String, Object> stripeEvent(Target t) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", "cs_test_1");
        session.put("object", "checkout.session");
        session.put("client_reference_id", t.invoiceId());
        session.put("amount_total", 1000);
        session.put("currency", "usd");
        session.put("payment_status", "paid");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_1");
        event.put("object", "event");
        event.put("type", "checkout.session.completed");
        event.put("livemode", false);
        event.put("data", new LinkedHashMap<>(Map.of("object", session)));
        return event;
    }

    /** A deep, mutable copy of a body (the fixtures build some parts with Map.of and List.of). */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
