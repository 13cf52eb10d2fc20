package dev.remit.proof;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.remit.proof.FuzzCampaignTest.Context;
import dev.remit.proof.FuzzCampaignTest.Request;
import dev.remit.proof.FuzzCampaignTest.Sent;
import dev.remit.proof.Operations.Operation;
import dev.remit.proof.Operations.Surface;
import dev.remit.proof.Operations.Target;
import dev.remit.support.ApiClient;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * The campaign's deterministic part: each class of hostile input, in every place it can go, so that
 * coverage does not depend on the seed.
 * <ul>
 * <li>strings: every Unicode category and every form of card number or IBAN in every string field
 * of every body, query and path at once; fields the server refuses are put back one round at a
 * time until the request is accepted, and what was stored is then rendered (page, PDF) and sent;
 * <li>numbers: every number at and beyond a parser's limits in every numeric field of an otherwise
 * valid body (so that it reaches the arithmetic), and text that only looks like a number;
 * <li>arrays: every kind of wrong element appended to every array;
 * <li>content types: every content type on every path, the hosted page, actuator and unknown paths
 * included, with and without a token;
 * <li>duplicated headers: Authorization, Version, Content-Type, Idempotency-Key, Accept, sent twice;
 * and at the HTTP level (a raw socket), framing that front ends and servers read differently.
 * </ul>
 */
final class Sweeps {

    /** One unit of work for a worker: a few requests on the worker's tenant. */
    record Case(String sweep, String op, Consumer<Context> run) {
    }

    private final FuzzCampaignTest campaign;
    private final List<Operation> live;
    private final Map<String, Operation> byId = new LinkedHashMap<>();
    /** Per operation, the paths of the filled body the server refused when it was first sent: put back or dropped. */
    private final Map<String, List<String>> refusedOnce = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per operation, whether its valid request needs an invoice that was sent (record-payment, void) or a draft. */
    private final Map<String, Boolean> onSent = new java.util.concurrent.ConcurrentHashMap<>();
    /** Invoices the strings sweep sent, whose deliveries are looked at after the campaign. */
    private final List<Target> sentInvoices = Collections.synchronizedList(new ArrayList<>());
    private final Tenant stranger;

    Sweeps(FuzzCampaignTest campaign, List<Operation> live) {
        this.campaign = campaign;
        this.live = live;
        live.forEach(op -> byId.put(op.id(), op));
        this.stranger = campaign.anotherTenant();
    }

    // ---------------------------------------------------------------- shapes

    /**
     * Sends each operation's body with every property of its request record, on a draft and then
     * on a sent invoice, putting back or dropping what the server refuses until it is accepted.
     * The sweeps start from these bodies, so a hostile value in one field is the only thing wrong.
     */
    void learnShapes(Context probe) {
        for (Operation op : live) {
            if (probe.used >= FuzzCampaignTest.REQUESTS_PER_TENANT) {
                probe = campaign.new Context();
            }
            if (op.body().apply(probe.targets.get(0)) == null || op.surface() == Surface.PUBLIC) {
                continue;
            }
            for (boolean sent : List.of(false, true)) {
                Target target = probe.fresh(sent);
                Object fixture = op.body().apply(target);
                Object full = RequestShapes.fill(op.id(), fixture);
                List<String> refused = new ArrayList<>();
                Sent answer = settle(probe, op, target, full, fixture, "shapes", "every property", refused);
                if (answer.status() >= 200 && answer.status() < 300) {
                    refusedOnce.put(op.id(), List.copyOf(refused));
                    onSent.put(op.id(), sent);
                    campaign.notes.add("  the body of " + op + " on " + (sent ? "a sent invoice" : "a draft") + " has every property"
                            + (refused.isEmpty() ? "" : " but " + refused));
                    break;
                }
            }
        }
    }

    /** The operation's body for the target with every property the server accepts. */
    Object fullBody(Operation op, Target target) {
        Object fixture = op.body().apply(target);
        if (fixture == null) {
            return null;
        }
        Object full = RequestShapes.fill(op.id(), fixture);
        for (String path : refusedOnce.getOrDefault(op.id(), List.of())) {
            putBack(full, fixture, path);
        }
        return refusedOnce.containsKey(op.id()) ? full : Operations.copy(fixture);
    }

    Target target(Context ctx, Operation op) {
        boolean sent = onSent.getOrDefault(op.id(), true);
        return op.destructive() ? ctx.fresh(sent) : ctx.targets.get(sent ? 1 : 0);
    }

    // ---------------------------------------------------------------- the cases

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        strings(cases);
        numbers(cases);
        arrays(cases);
        contentTypes(cases);
        duplicatedHeaders(cases);
        cases.add(new Case("HTTP framing", "raw", ctx -> RawHttp.sweep(campaign, ctx)));
        cases.add(new Case("budgets", "list-invoices", this::othersCannotSpendABudget));
        return cases;
    }

    private void strings(List<Case> cases) {
        Map<String, String> texts = new LinkedHashMap<>(Mutator.UNICODE_CATEGORIES);
        texts.putAll(Mutator.CARD_NUMBERS);
        for (Operation op : live) {
            texts.forEach((name, text) -> {
                String label = name + " in every string field";
                cases.add(new Case("strings", op.id(), ctx -> {
                    Target target = target(ctx, op);
                    Object full = fullBody(op, target);
                    if (full != null) {
                        Object body = Operations.copy(full);
                        Trees.paths(body, v -> v instanceof String).forEach(path -> Trees.set(body, path, text));
                        Sent answer = settle(ctx, op, target, body, full, "strings", label, new ArrayList<>());
                        if (answer.status() >= 200 && answer.status() < 300) {
                            render(ctx, op, target, answer, label);
                        }
                    }
                    Map<String, Object> query = new LinkedHashMap<>(op.query().apply(target));
                    // every query parameter there is: the list's, and altId/altType which every other read shares
                    if (!query.isEmpty() && (op.id().equals("list-invoices") || op.id().equals("get-invoice"))) {
                        Map<String, Object> hostile = new LinkedHashMap<>();
                        query.keySet().forEach(k -> hostile.put(k, text));
                        settleQuery(ctx, op, target, hostile, query, label.replace("field", "query parameter"));
                    }
                    // the path's ids: one route with an invoice id and one with a public token stand for the others
                    if (op.id().equals("get-invoice") || op.id().equals("hosted-page")) {
                        String segment = Mutator.segment(text);
                        Target odd = new Target(target.tenant(), segment, segment, segment, segment, segment, segment);
                        ctx.exchange(request(op, odd, segment, op.query().apply(target), full, "strings", name + " as the id in the path"));
                    }
                }));
            });
        }
    }

    private void numbers(List<Case> cases) {
        for (Operation op : live) {
            Map<String, Object> probeBody = asMap(fullBody(op, placeholder()));
            List<String> numeric = probeBody == null ? List.of() : Trees.paths(probeBody, v -> v instanceof Number);
            for (String path : numeric) {
                for (String number : Mutator.LIMIT_NUMBERS) {
                    cases.add(new Case("numbers", op.id(), ctx -> {
                        Target target = target(ctx, op);
                        Object body = fullBody(op, target);
                        Trees.set(body, path, new Json.Raw(number));
                        ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), body, "numbers",
                                shorten(number) + " at " + path));
                    }));
                }
            }
            if (!numeric.isEmpty()) {
                String first = numeric.get(0);
                cases.add(new Case("numbers", op.id(), ctx -> {
                    for (String text : Mutator.NUMBER_LIKE_TEXT) {
                        Target target = target(ctx, op);
                        Object raw = fullBody(op, target);
                        Trees.set(raw, first, new Json.Raw(text));
                        ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), raw, "numbers",
                                "the token " + shorten(text) + " at " + first));
                        Object quoted = fullBody(op, target);
                        Trees.set(quoted, first, text);
                        ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), quoted, "numbers",
                                "the string " + Json.write(shorten(text)) + " at " + first));
                    }
                }));
            }
            for (String parameter : List.of("limit", "offset")) {
                if (op.query().apply(placeholder()).containsKey(parameter)) {
                    for (String number : concat(Mutator.LIMIT_NUMBERS, Mutator.NUMBER_LIKE_TEXT)) {
                        cases.add(new Case("numbers", op.id(), ctx -> {
                            Target target = target(ctx, op);
                            Map<String, String> query = new LinkedHashMap<>(op.query().apply(target));
                            query.put(parameter, number);
                            ctx.exchange(request(op, target, op.resourceId(target), query, fullBody(op, target), "numbers",
                                    parameter + "=" + shorten(number)));
                        }));
                    }
                }
            }
        }
    }

    private void arrays(List<Case> cases) {
        for (Operation op : live) {
            Map<String, Object> probeBody = asMap(fullBody(op, placeholder()));
            List<String> arrays = probeBody == null ? List.of() : Trees.paths(probeBody, v -> v instanceof List);
            for (String path : arrays) {
                Mutator.WRONG_ELEMENTS.forEach((kind, element) -> cases.add(new Case("arrays", op.id(), ctx -> {
                    Target target = target(ctx, op);
                    Object body = fullBody(op, target);
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) Trees.get(body, path);
                    list.add(Operations.copy(element));
                    ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), body, "arrays",
                            kind + " inside " + path));
                })));
                // as many wrong elements as an array may hold: the answer must still be a bounded error
                cases.add(new Case("arrays", op.id(), ctx -> {
                    Target target = target(ctx, op);
                    Object body = fullBody(op, target);
                    Trees.set(body, path, new Json.Raw("[" + String.join(",", java.util.Collections.nCopies(dev.remit.api.RequestBinder.MAX_ARRAY, "{}")) + "]"));
                    ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), body, "arrays",
                            dev.remit.api.RequestBinder.MAX_ARRAY + " empty objects as " + path));
                }));
            }
        }
    }

    /** Paths around the operations: the server's own, the hosted page's others, and paths that do not exist. */
    static final List<Operation> AROUND = List.of(
            new Operation("actuator-health", "GET", "/actuator/health", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-liveness", "GET", "/actuator/health/liveness", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-readiness", "GET", "/actuator/health/readiness", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-prometheus", "GET", "/actuator/prometheus", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-info", "GET", "/actuator/info", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator", "GET", "/actuator", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-post", "POST", "/actuator/health", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("actuator-env", "GET", "/actuator/env", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("api-docs", "GET", "/v3/api-docs", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("swagger-ui", "GET", "/swagger-ui.html", Surface.PUBLIC, t -> Map.of(), t -> null),
            new Operation("root", "GET", "/", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("unknown-path", "POST", "/nope/../invoices", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("unknown-invoice-path", "POST", "/invoices/{invoiceId}/x/y", Surface.SPEC, Operations::alt, t -> null),
            new Operation("error-path", "POST", "/error", Surface.EXTENSION, t -> Map.of(), t -> null),
            new Operation("hosted-page-unknown", "GET", "/i/{token}/nope", Surface.PUBLIC, t -> Map.of(), t -> null),
            new Operation("hosted-page-root", "GET", "/i/", Surface.PUBLIC, t -> Map.of(), t -> null),
            new Operation("asset-unknown", "GET", "/assets/nope.css", Surface.PUBLIC, t -> Map.of(), t -> null));

    private void contentTypes(List<Case> cases) {
        List<Operation> paths = concat(live, AROUND);
        for (Operation op : paths) {
            for (String type : concat(Mutator.CONTENT_TYPES, java.util.Collections.singletonList(null))) {
                boolean multipart = type != null && type.startsWith("multipart/");
                for (boolean token : multipart ? List.of(true, false) : List.of(true)) {
                    cases.add(new Case("content types", op.id(), ctx -> {
                        Target target = target(ctx, op);
                        Object body = fullBody(op, target);
                        Map<String, List<String>> headers = campaign.headers(target.tenant());
                        if (!token) {
                            headers.remove("Authorization");
                        }
                        Mutator.set(headers, "Accept", "*/*");
                        headers.remove("Content-Type");
                        if (type != null) {
                            Mutator.set(headers, "Content-Type", type);
                        }
                        byte[] bytes = bodyFor(type, body == null ? new LinkedHashMap<>(Map.of("altId", target.tenant().locationId())) : body);
                        String url = campaign.serverUrl() + op.path(target, op.resourceId(target)) + query(op.query().apply(target));
                        ctx.exchange(new Request(op, op.method(), url, headers, bytes,
                                List.of("sweep content types", (type == null ? "no Content-Type" : "Content-Type " + type)
                                        + (token ? "" : ", no token"))));
                    }));
                }
            }
        }
    }

    /** The body as a client sending {@code type} would write it. */
    private static byte[] bodyFor(String type, Object body) {
        String json = Json.write(body);
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("multipart/")) {
            String part = "--remit-fuzz\r\nContent-Disposition: form-data; name=\"altId\"\r\n\r\n"
                    + String.valueOf(body instanceof Map<?, ?> m ? m.get("altId") : "") + "\r\n"
                    + "--remit-fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../invoice.json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + json + "\r\n--remit-fuzz--\r\n";
            return part.getBytes(StandardCharsets.UTF_8);
        }
        if (lower.startsWith("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            if (body instanceof Map<?, ?> map) {
                map.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8))
                        .append('=').append(java.net.URLEncoder.encode(v instanceof String s ? s : Json.write(v), StandardCharsets.UTF_8)));
            }
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (lower.contains("xml")) {
            return ("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><invoice><name>&x;</name></invoice>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        Charset charset = lower.contains("utf-16") ? StandardCharsets.UTF_16 : lower.contains("iso-8859-1") ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8;
        return json.getBytes(charset);
    }

    private void duplicatedHeaders(List<Case> cases) {
        Map<String, Function<Map<String, List<String>>, Map<String, List<String>>>> variants = new LinkedHashMap<>();
        String theirs = "Bearer " + stranger.token();
        variants.put("the same Authorization twice", h -> twice(h, "Authorization", first(h, "Authorization"), first(h, "Authorization")));
        variants.put("Authorization twice, another company's token second", h -> twice(h, "Authorization", first(h, "Authorization"), theirs));
        variants.put("Authorization twice, another company's token first", h -> twice(h, "Authorization", theirs, first(h, "Authorization")));
        variants.put("Authorization twice, a wrong token first", h -> twice(h, "Authorization", "Bearer x", first(h, "Authorization")));
        variants.put("Authorization twice, the second empty", h -> twice(h, "Authorization", first(h, "Authorization"), ""));
        variants.put("two tokens in one Authorization", h -> twice(h, "Authorization", first(h, "Authorization") + ", " + theirs, null));
        variants.put("Version twice, the second wrong", h -> twice(h, "Version", ApiClient.VERSION, "2020-01-01"));
        variants.put("Version twice, the first wrong", h -> twice(h, "Version", "2020-01-01", ApiClient.VERSION));
        variants.put("Version twice, both good", h -> twice(h, "Version", ApiClient.VERSION, "2023-02-21"));
        variants.put("Content-Type twice, JSON then XML", h -> twice(h, "Content-Type", "application/json", "application/xml"));
        variants.put("Content-Type twice, multipart then JSON", h -> twice(h, "Content-Type", "multipart/form-data; boundary=remit-fuzz", "application/json"));
        variants.put("Idempotency-Key twice", h -> twice(h, "Idempotency-Key", "fuzz-" + System.nanoTime(), "fuzz-other-" + System.nanoTime()));
        variants.put("Accept twice", h -> twice(h, "Accept", "application/json", "application/pdf"));
        variants.put("X-Request-Id twice", h -> twice(h, "X-Request-Id", "first-id", "second-id"));
        for (Operation op : live) {
            variants.forEach((name, change) -> cases.add(new Case("duplicated headers", op.id(), ctx -> {
                Target target = target(ctx, op);
                Request plain = request(op, target, op.resourceId(target), op.query().apply(target), fullBody(op, target),
                        "duplicated headers", name);
                ctx.exchange(new Request(op, plain.method(), plain.url(), change.apply(plain.headers()), plain.body(), plain.mutations()));
            })));
        }
    }

    private static Map<String, List<String>> twice(Map<String, List<String>> headers, String name, String first, String second) {
        List<String> values = new ArrayList<>();
        values.add(first == null ? "" : first);
        if (second != null) {
            values.add(second);
        }
        headers.put(name, values);
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Requests that name a location but are refused (another company's agency token, no token, a
     * wrong token, two tokens) spend nothing of that location's rate-limit budget: afterwards its
     * daily remainder has gone down by its own requests only.
     */
    private void othersCannotSpendABudget(Context worker) {
        Operation list = byId.get("list-invoices");
        if (list == null) {
            return;
        }
        Context ctx = campaign.new Context(); // a location of its own, far from its burst limit
        Target victim = ctx.targets.get(0);
        Sent before = ctx.exchange(request(list, victim, victim.invoiceId(), list.query().apply(victim), null, "budgets",
                "the location's own request, before"));
        String theirAgency = "Bearer " + campaign.agencyToken(stranger);
        int refused = 0;
        for (Operation op : live) {
            if (op.surface() == Surface.PUBLIC || !op.path().startsWith("/invoices")) {
                continue;
            }
            for (String authorization : java.util.Arrays.asList(theirAgency, null, "Bearer pit-wrong")) {
                Request aimed = request(op, victim, op.resourceId(victim), op.query().apply(victim), fullBody(op, victim), "budgets",
                        (authorization == null ? "no token" : authorization.equals(theirAgency) ? "another company's agency token"
                                : "a wrong token") + " naming the location");
                if (authorization == null) {
                    aimed.headers().remove("Authorization");
                } else {
                    Mutator.set(aimed.headers(), "Authorization", authorization);
                }
                ctx.exchange(aimed);
                refused++;
            }
        }
        Sent after = ctx.exchange(request(list, victim, victim.invoiceId(), list.query().apply(victim), null, "budgets",
                "the location's own request, after " + refused + " refused ones naming it"));
        long spent = remaining(before) - remaining(after);
        if (before.status() == 200 && after.status() == 200 && spent != 1) {
            campaign.fail("budgets", refused + " refused requests naming location " + victim.tenant().locationId()
                    + " spent " + (spent - 1) + " of its daily budget (X-RateLimit-Daily-Remaining " + remaining(before)
                    + " before, " + remaining(after) + " after its next own request)");
        }
    }

    private static long remaining(Sent answer) {
        String value = answer.headers().getOrDefault("x-ratelimit-daily-remaining", "-1");
        return Long.parseLong(value);
    }

    // ---------------------------------------------------------------- after the strings: what was stored, shown and sent

    /** What a stored hostile value goes through next: the page, the PDFs, the ledger, an email and an SMS. */
    private void render(Context ctx, Operation op, Target target, Sent answer, String label) {
        Operation page = byId.get("hosted-page");
        Operation pagePdf = byId.get("hosted-page-pdf");
        switch (op.id()) {
            case "create-invoice", "text2pay-invoice" -> {
                String id = invoiceId(answer);
                if (id == null) {
                    return;
                }
                Target created = target.withInvoice(id, campaign.publicToken(target.tenant(), id));
                if (op.id().equals("create-invoice")) {
                    show(ctx, page, created, label);
                    show(ctx, pagePdf, created, label);
                    Operation send = byId.get("send-invoice");
                    if (send != null) {
                        Sent sent = ctx.exchange(request(send, created, id, Map.of(), Operations.sendBody(created, "sms_and_email"),
                                "strings", label + ", sent"));
                        if (sent.status() >= 200 && sent.status() < 300) {
                            sentInvoices.add(created);
                        }
                    }
                } else {
                    show(ctx, page, created, label);
                }
            }
            case "update-invoice" -> show(ctx, page, target, label);
            case "put-invoice-settings" -> show(ctx, byId.get("invoice-pdf"), target, label);
            case "record-invoice" -> show(ctx, byId.get("invoice-payments"), target, label);
            case "send-invoice" -> sentInvoices.add(target);
            default -> {
            }
        }
    }

    private void show(Context ctx, Operation op, Target target, String label) {
        if (op != null) {
            ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), null, "strings", label + ", then " + op.id()));
        }
    }

    private static String invoiceId(Sent answer) {
        try {
            JsonNode tree = ApiClient.tree(answer.body());
            JsonNode id = tree.path("_id").isString() ? tree.path("_id") : tree.path("invoice").path("_id");
            return id.isString() ? id.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Every message the strings sweep sent has been written, or has failed for good with a reason in
     * plain words, within a minute: a message that can never be written is not retried for a day.
     */
    void checkDeliveries() throws InterruptedException {
        Operation deliveries = byId.get("invoice-deliveries");
        if (deliveries == null) {
            return;
        }
        List<Target> pending = new ArrayList<>(sentInvoices);
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<Target, JsonNode> last = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (java.util.Iterator<Target> it = pending.iterator(); it.hasNext();) {
                Target target = it.next();
                Sent answer = campaign.exchange(request(deliveries, target, target.invoiceId(), deliveries.query().apply(target), null,
                        "strings", "deliveries of a sent invoice"));
                JsonNode lines = answer.status() == 200 ? ApiClient.tree(answer.body()).path("deliveries") : null;
                last.put(target, lines);
                boolean waiting = lines != null && java.util.stream.StreamSupport.stream(lines.spliterator(), false)
                        .anyMatch(d -> d.path("status").asString().equals("queued") && d.path("attempts").asInt() == 0);
                if (!waiting) {
                    it.remove();
                }
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1_000);
            }
        }
        last.forEach((target, lines) -> {
            if (lines == null) {
                return;
            }
            for (JsonNode d : lines) {
                String status = d.path("status").asString();
                if (status.equals("queued") && d.path("attempts").asInt() > 0) {
                    campaign.fail("strings", "a message that could not be written is being retried: invoice " + target.invoiceId()
                            + " of location " + target.tenant().locationId() + ": " + d);
                } else if (status.equals("queued")) {
                    campaign.fail("strings", "a message was not attempted within a minute: invoice " + target.invoiceId() + ": " + d);
                }
            }
        });
    }

    // ---------------------------------------------------------------- requests

    /**
     * Sends {@code body}; while the server refuses named fields (422) or the location (403), puts
     * the baseline's value back at each (or drops the field) and sends again, so that in the end the
     * hostile value sits in every field the server accepts it in. The answer to the last request.
     */
    private Sent settle(Context ctx, Operation op, Target target, Object body, Object baseline, String sweep, String label,
            List<String> refused) {
        Sent answer = null;
        for (int round = 0; round < 5; round++) {
            answer = ctx.exchange(request(op, target, op.resourceId(target), op.query().apply(target), body, sweep,
                    label + (round == 0 ? "" : ", refused fields put back (" + round + ")")));
            if (answer.status() >= 200 && answer.status() < 300 || !putBackRefused(answer, body, baseline, refused)) {
                break;
            }
        }
        return answer;
    }

    private void settleQuery(Context ctx, Operation op, Target target, Map<String, Object> query, Map<String, Object> baseline, String label) {
        for (int round = 0; round < 4; round++) {
            Map<String, String> text = new LinkedHashMap<>();
            query.forEach((k, v) -> text.put(k, String.valueOf(v)));
            Sent answer = ctx.exchange(request(op, target, op.resourceId(target), text, fullBody(op, target), "strings",
                    label + (round == 0 ? "" : ", refused parameters put back (" + round + ")")));
            if (answer.status() >= 200 && answer.status() < 300 || !putBackRefused(answer, query, baseline, new ArrayList<>())) {
                break;
            }
        }
    }

    private static boolean putBackRefused(Sent answer, Object body, Object baseline, List<String> refused) {
        List<String> paths = new ArrayList<>();
        if (answer.status() == 403) {
            paths.add("altId");
        } else if (answer.status() == 422) {
            try {
                for (JsonNode message : ApiClient.tree(answer.body()).path("message")) {
                    String text = message.asString();
                    String[] words = text.split(" ");
                    if (text.startsWith("nested property ") && words.length > 2) {
                        paths.add(words[2]);
                    } else if (!text.startsWith("property ") && words.length > 0) {
                        paths.add(words[0]);
                    }
                }
            } catch (RuntimeException notJson) {
                return false;
            }
        }
        boolean changed = false;
        for (String path : paths) {
            if (Trees.get(body, path) != Trees.MISSING) {
                putBack(body, baseline, path);
                refused.add(path);
                changed = true;
            }
        }
        return changed;
    }

    /** The baseline's value at {@code path}; if the body holds it already (or the baseline has none), the field goes. */
    private static void putBack(Object body, Object baseline, String path) {
        Object original = Trees.get(baseline, path);
        Object current = Trees.get(body, path);
        if (original == Trees.MISSING || Objects.equals(Json.write(original), Json.write(current))) {
            Trees.remove(body, path);
        } else {
            Trees.set(body, path, Operations.copy(original));
        }
    }

    Request request(Operation op, Target target, String invoiceId, Map<String, ?> query, Object body, String sweep, String what) {
        Map<String, List<String>> headers = campaign.headers(target.tenant());
        if (op.surface() == Surface.PUBLIC || op.id().endsWith("pdf")) {
            Mutator.set(headers, "Accept", "*/*");
        }
        String url = campaign.serverUrl() + op.path(target, invoiceId) + query(query);
        byte[] bytes = body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8);
        return new Request(op, op.method(), url, headers, bytes, List.of("sweep " + sweep, what));
    }

    private static String query(Map<String, ?> query) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        query.forEach((k, v) -> lists.put(k, List.of(String.valueOf(v))));
        return Mutator.queryString(lists);
    }

    /** A target for working out a body's shape: its ids do not matter, only which properties there are. */
    private Target placeholder() {
        return new Target(stranger, "6b0000000000000000000000", "token", "6b0000000000000000000000",
                "6b0000000000000000000001", "6b0000000000000000000002", "6b0000000000000000000003");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object body) {
        return body instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "…(" + text.length() + " characters)" : text;
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
