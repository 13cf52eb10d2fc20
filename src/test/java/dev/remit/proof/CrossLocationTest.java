package dev.remit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.proof.Operations.Operation;
import dev.remit.proof.Operations.Surface;
import dev.remit.proof.Operations.Target;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.User;
import tools.jackson.databind.JsonNode;

/**
 * The cross-location matrix (issue 7): every operation in {@link Operations#ALL}, called with a
 * token of location A (a location token, and an agency token of A's company), against another
 * location's ids and altId: a location of another company, and a sibling location of A's own
 * company that A's location token does not cover. Every answer is 403 or 404, none carries the
 * other location's data, and the other location's invoices are exactly as they were afterwards.
 */
class CrossLocationTest extends ApiTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    dev.remit.api.OperationSecurity security;

    @Autowired
    InvoiceService invoices;

    /** A location's invoice, schedule and template with values that would stand out in any answer. */
    record Victim(Tenant tenant, String invoiceId, String name, String number, String email, String token,
            String scheduleId, String templateId, String templateName, String estimateId, String estimateTemplateId,
            String estimateName) {
    }

    @Autowired
    dev.remit.webhook.WebhookService webhooks;

    Victim victim(Tenant tenant, boolean sent) {
        if (!Operations.WEBHOOKS.containsKey(tenant.locationId())) {
            // a paused subscription: the victim's invoice events are logged for it, and nothing is posted
            String subscription = webhooks.subscribe(tenant.locationId(), "https://hooks.example.invalid/victim",
                    List.of(dev.remit.webhook.WebhookEvent.values()), true).id();
            webhooks.disable(tenant.locationId(), subscription, "test");
            Operations.webhook(tenant.locationId(), subscription, "none yet");
        }
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = InvoiceBodies.create(tenant);
        body.put("name", "Victim ledger " + marker);
        body.put("invoiceNumber", "VIC-" + marker);
        Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
        contact.put("email", "victim-" + marker + "@victim.example");
        body.put("contactDetails", contact);
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        if (sent) {
            invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, null, null, unchecked -> { });
        }
        Map<String, Object> templateBody = TemplateBodies.create(tenant);
        templateBody.put("name", "Victim template " + marker);
        ApiResponse template = api(tenant).post("/invoices/template", templateBody);
        assertThat(template.status()).as(template.toString()).isEqualTo(200);
        String subscription = Operations.WEBHOOKS.get(tenant.locationId())[0];
        Operations.webhook(tenant.locationId(), subscription,
                webhooks.log(tenant.locationId(), subscription, 1, 0).get(0).id());
        ApiResponse schedule = api(tenant).post("/invoices/schedule", ScheduleBodies.create(tenant));
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(200);
        Map<String, Object> estimateBody = dev.remit.support.EstimateBodies.create(tenant);
        estimateBody.put("name", "Victim quote " + marker);
        ApiResponse estimate = api(tenant).post("/invoices/estimate", estimateBody);
        assertThat(estimate.status()).as(estimate.toString()).isEqualTo(201);
        ApiResponse estimateTemplate = api(tenant).post("/invoices/estimate/template",
                dev.remit.support.EstimateBodies.template(tenant));
        assertThat(estimateTemplate.status()).as(estimateTemplate.toString()).isEqualTo(201);
        return new Victim(tenant, id, "Victim ledger " + marker, "VIC-" + marker, "victim-" + marker + "@victim.example",
                invoices.load(tenant.locationId(), id).publicToken(), schedule.json().path("_id").asString(),
                template.json().path("_id").asString(), "Victim template " + marker,
                estimate.json().path("_id").asString(), estimateTemplate.json().path("_id").asString(),
                "Victim quote " + marker);
    }

    /** A second location in the same company as {@code tenant}, with a token of its own. */
    Tenant sibling(Tenant tenant) {
        Location location = tenancy.createLocation(tenant.companyId(), "Sibling Branch", "US", "America/Chicago");
        User user = tenancy.createUser(tenant.companyId(), "Sam", "sam@example.com", List.of(location.id()));
        String token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, tenant.companyId(), location.id(), "sibling", Scopes.ALL).secret();
        return new Tenant(tenant.companyId(), location.id(), user.id(), token);
    }

    record Call(String caller, String aim, Operation op, String method, String path, Object body) {
        @Override
        public String toString() {
            return caller + " → " + aim + ": " + op + " " + method + " " + path + (body == null ? "" : " " + ApiClient.json(body));
        }
    }

    @Test
    void everyOperationWithATokenOfOneLocationAgainstAnothersIdsAnswers403Or404AndNeverItsData() {
        Tenant a = newTenant();
        String ownId = created(a);
        ApiResponse ownTemplate = api(a).post("/invoices/template", TemplateBodies.create(a));
        assertThat(ownTemplate.status()).as(ownTemplate.toString()).isEqualTo(200);
        String[] ownEstimate = Operations.estimateResources(api(a), a);
        Target own = new Target(a, ownId, invoices.load(a.locationId(), ownId).publicToken(),
                api(a).post("/invoices/schedule", ScheduleBodies.create(a)).json().path("_id").asString(),
                ownTemplate.json().path("_id").asString(), ownEstimate[0], ownEstimate[1]);
        String agency = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "agency", Scopes.ALL).secret();
        Tenant otherCompany = newTenant();
        Tenant siblingLocation = sibling(a);

        Map<String, Tenant> victims = new LinkedHashMap<>();
        victims.put("another company's location", otherCompany);
        victims.put("a sibling location of the same company", siblingLocation);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("A's location token", a.token());
        callers.put("A's agency token", agency);

        List<Call> calls = new ArrayList<>();
        List<Victim> all = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Tenant> v : victims.entrySet()) {
            Victim draft = victim(v.getValue(), false);
            Victim sent = victim(v.getValue(), true);
            all.add(draft);
            all.add(sent);
            for (Map.Entry<String, String> c : callers.entrySet()) {
                boolean agencyToken = c.getKey().contains("agency");
                if (agencyToken && v.getValue() == siblingLocation) {
                    continue; // an agency token covers its company's locations: that is its purpose
                }
                for (Operation op : Operations.ALL) {
                    if (op.surface() == Surface.PUBLIC) {
                        continue; // the hosted page is reached by its unguessable token, not by a location
                    }
                    for (Victim target : List.of(draft, sent)) {
                        Target theirs = new Target(target.tenant(), target.invoiceId(), target.token(), target.scheduleId(),
                                target.templateId(), target.estimateId(), target.estimateTemplateId());
                        // their altId with their invoice (or schedule or template)
                        calls.add(call(c.getKey(), v.getKey() + ", their altId and id", op, theirs, op.resourceId(theirs)));
                        if (op.onInvoice() || op.id().endsWith("-last-visited-at")) {
                            // our own altId with their invoice id
                            Target mixed = theirs.withTenant(a);
                            calls.add(call(c.getKey(), v.getKey() + ", our altId, their id", op, mixed, op.resourceId(theirs)));
                        }
                        if (op.onInvoice()) {
                            // their altId with our own invoice id
                            calls.add(call(c.getKey(), v.getKey() + ", their altId, our id", op, theirs, op.resourceId(own)));
                        }
                    }
                }
            }
        }

        List<String> problems = new ArrayList<>();
        int made = 0;
        for (Call call : calls) {
            String token = callers.get(call.caller());
            ApiClient client = new ApiClient(baseUrl(), token);
            if (call.op().surface() != Surface.SPEC) {
                client = client.extension();
            }
            ApiResponse answer = client.send(call.method(), call.path(), call.body());
            for (int retry = 0; answer.status() == 429 && retry < 3; retry++) {
                // HighLevel's burst limit (100 per 10 s per location): wait as told and ask again
                sleep(Long.parseLong(java.util.Objects.requireNonNullElse(answer.header("Retry-After"), "10")));
                answer = client.send(call.method(), call.path(), call.body());
            }
            if (answer.status() == 404 && answer.raw().contains("Cannot " + call.method())) {
                skipped.add(call.op().id());
                continue;
            }
            made++;
            if (refusedByTheSpecsSecurity(call)) {
                // the operation's security does not take this kind of token (text2pay: location tokens only)
                if (answer.status() != 401) {
                    problems.add(answer.status() + " (not 401) for " + call + " → " + answer.raw());
                }
            } else if (answer.status() != 403 && answer.status() != 404) {
                problems.add(answer.status() + " for " + call + " → " + answer.raw());
            }
            for (Victim victim : all) {
                for (String secret : List.of(victim.name(), victim.number(), victim.email(), victim.token(),
                        victim.templateName())) {
                    if (answer.raw().contains(secret)) {
                        problems.add("leaked " + secret + " in " + call + " → " + answer.raw());
                    }
                }
                if (answer.raw().contains(victim.invoiceId()) && !call.path().contains(victim.invoiceId())) {
                    problems.add("leaked the id " + victim.invoiceId() + " in " + call);
                }
                if (answer.raw().contains(victim.templateId()) && !call.path().contains(victim.templateId())) {
                    problems.add("leaked the template id " + victim.templateId() + " in " + call);
                }
                if (answer.raw().contains(victim.scheduleId()) && !call.path().contains(victim.scheduleId())) {
                    problems.add("leaked the schedule id " + victim.scheduleId() + " in " + call);
                }
                for (String estimateId : List.of(victim.estimateId(), victim.estimateTemplateId())) {
                    if (answer.raw().contains(estimateId) && !call.path().contains(estimateId)) {
                        problems.add("leaked the estimate (template) id " + estimateId + " in " + call);
                    }
                }
                if (answer.raw().contains(victim.estimateName())) {
                    problems.add("leaked " + victim.estimateName() + " in " + call);
                }
            }
        }
        System.out.println("cross-location matrix: " + made + " calls, 403/404 each; not on this branch yet: "
                + new java.util.TreeSet<>(skipped));
        assertThat(problems).as(String.join("\n", problems.subList(0, Math.min(20, problems.size())))).isEmpty();
        assertThat(made).isGreaterThan(100);

        // and nothing of theirs changed: not sent, paid, voided, deleted, renamed or visited
        for (Victim victim : all) {
            ApiResponse read = api(victim.tenant()).get("/invoices/" + victim.invoiceId() + InvoiceBodies.q(victim.tenant()));
            assertThat(read.status()).isEqualTo(200);
            JsonNode invoice = read.json();
            assertThat(invoice.path("name").asString()).isEqualTo(victim.name());
            assertThat(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("0");
            assertThat(invoice.path("status").asString()).isIn("draft", "sent");
            assertThat(invoices.load(victim.tenant().locationId(), victim.invoiceId()).visitCount()).isZero();
            // their schedule: not updated, scheduled, given a payment method, cancelled or deleted
            JsonNode schedule = api(victim.tenant()).get("/invoices/schedule/" + victim.scheduleId()
                    + InvoiceBodies.q(victim.tenant())).json();
            assertThat(schedule.path("status").asString()).isEqualTo("draft");
            assertThat(schedule.path("name").asString()).isEqualTo("Monthly retainer");
            assertThat(schedule.has("autoPayment")).isFalse();
            assertThat(invoice.has("lateFeesConfiguration")).isFalse();
            ApiResponse template = api(victim.tenant()).get("/invoices/template/" + victim.templateId()
                    + InvoiceBodies.q(victim.tenant()));
            assertThat(template.status()).isEqualTo(200);
            assertThat(template.json().path("name").asString()).isEqualTo(victim.templateName());
            assertThat(template.json().path("lateFeesConfiguration").path("frequency").path("interval").asString())
                    .isEqualTo("day");
            assertThat(template.json().path("paymentMethods").path("stripe").path("enableBankDebitOnly").asBoolean())
                    .isFalse();
        }
        for (Victim victim : all) {
            // their estimate: not updated, visited, invoiced or deleted; their estimate template still there
            JsonNode list = api(victim.tenant()).get("/invoices/estimate/list" + InvoiceBodies.q(victim.tenant())
                    + "&limit=100&offset=0").json();
            JsonNode estimate = null;
            for (JsonNode each : list.path("estimates")) {
                if (each.path("_id").asString().equals(victim.estimateId())) {
                    estimate = each;
                }
            }
            assertThat(estimate).as("their estimate is still there").isNotNull();
            assertThat(estimate.path("name").asString()).isEqualTo(victim.estimateName());
            assertThat(estimate.path("estimateStatus").asString()).isEqualTo("draft");
            assertThat(estimate.path("visitCount").asInt()).isZero();
            assertThat(estimate.has("invoiceId")).isFalse();
            ApiResponse preview = api(victim.tenant()).get("/invoices/estimate/template/preview"
                    + InvoiceBodies.q(victim.tenant()) + "&templateId=" + victim.estimateTemplateId());
            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.json().path("name").asString()).isEqualTo("Remodel template");
        }
        ApiResponse theirList = api(otherCompany).get("/invoices/" + InvoiceBodies.q(otherCompany) + "&limit=100&offset=0");
        assertThat(theirList.json().path("total").asInt()).isEqualTo(2);
        ApiResponse ourList = api(a).get("/invoices/" + InvoiceBodies.q(a) + "&limit=100&offset=0");
        assertThat(ourList.raw()).doesNotContain("Victim ledger");
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String created(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private static Call call(String caller, String aim, Operation op, Target target, String invoiceId) {
        Map<String, String> query = op.query().apply(target);
        Object body = Operations.copy(op.body().apply(target));
        if (op.id().equals("update-invoice-last-visited-at") && body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) map;
            b.put("invoiceId", invoiceId);
        }
        if (op.id().equals("update-estimate-last-visited-at") && body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) map;
            b.put("estimateId", target.estimateId());
        }
        String path = op.path(target, invoiceId) + Mutator.queryString(toLists(query));
        return new Call(caller, aim, op, op.method(), path, body);
    }

    private static Map<String, List<String>> toLists(Map<String, String> query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        query.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private boolean refusedByTheSpecsSecurity(Call call) {
        return call.caller().contains("agency") && security.isKnown(call.op().id())
                && security.requiredScopes(call.op().id(), TokenKind.AGENCY).isEmpty();
    }
}
