package dev.remit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.proof.Operations.Operation;
import dev.remit.proof.Operations.Target;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.StoredCardNumbers;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fuzzing campaign: at least 10,000 requests across every operation in {@link Operations#ALL}
 * and the paths around them, from a fixed seed ({@code -Dremit.fuzz.seed=...} replays another,
 * {@code -Dremit.fuzz.requests=...} changes the count, {@code -Dremit.fuzz.only=<operation id>}
 * narrows it to one operation, {@code -Dremit.fuzz.sweeps=numbers,arrays} to some sweeps). First the {@link Sweeps}, which put every hostile value of each
 * class in every field of every operation (numbers at the parsers' limits, every kind of Unicode
 * and card numbers in every string, wrong elements in every array, every content type on every
 * path, repeated headers); then seeded random mutations of valid requests up to the count.
 *
 * Every answer must be free of 5xx and internals, come within {@link #SLOW}, be no larger than
 * {@link ResponseChecks#sizeProblems} allows, be an error in HighLevel's shape, and keep HighLevel's
 * spec where the spec describes it. Afterwards, every message the sweeps sent has been written or
 * refused for good, and no table holds a full card number or IBAN.
 */
class FuzzCampaignTest extends ApiTestBase {

    static final int REQUESTS = Integer.getInteger("remit.fuzz.requests", 10_000);
    static final long SEED = Long.getLong("remit.fuzz.seed", 20261124L);
    static final String ONLY = System.getProperty("remit.fuzz.only");
    /** Which sweeps run ({@code -Dremit.fuzz.sweeps=numbers,arrays}); all when unset, none when empty. */
    static final String SWEEPS = System.getProperty("remit.fuzz.sweeps");
    static final int WORKERS = 3;
    /** Below HighLevel's burst of 100 per 10 s per location: a worker moves to a new tenant before it is throttled. */
    static final int REQUESTS_PER_TENANT = 80;
    /** No answer may take longer: a request that keeps a thread busy for this long is a way to exhaust the server. */
    static final Duration SLOW = Duration.ofSeconds(15);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    InvoiceService invoices;

    /** An answer: status, Content-Type, body, how long it took, and the first value of each header (names in lower case). */
    record Sent(int status, String contentType, byte[] bytes, long millis, Map<String, String> headers) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** One request; {@code mutations} says what was done to it (the first entry names the sweep, if one made it). */
    record Request(Operation op, String method, String url, Map<String, List<String>> headers, byte[] body, List<String> mutations) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return op + " " + method + " " + (url.length() > 300 ? url.substring(0, 300) + "…" : url) + " " + mutations
                    + (text.isEmpty() ? "" : " body " + (text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + ")" : text));
        }
    }

    // what the campaign saw, from every worker
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> failuresByClass = new ConcurrentHashMap<>();
    final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
    final Map<String, LongAdder> millis = new ConcurrentHashMap<>();
    final Map<String, LongAdder> requestsByClass = new ConcurrentHashMap<>();
    final Map<String, LongAdder> millisByClass = new ConcurrentHashMap<>();
    /** Bytes of request bodies sent under each token: what a tenant's answers may echo of what it stored. */
    final Map<String, LongAdder> sentBytes = new ConcurrentHashMap<>();
    final Map<String, Integer> largest = new ConcurrentHashMap<>();
    final List<String> slow = Collections.synchronizedList(new ArrayList<>());
    /** What the sweeps learnt about the bodies, and how the server answered the raw HTTP cases. */
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger sent = new AtomicInteger();

    /** A worker's tenant: two invoices to aim at, and how many requests it has taken. */
    final class Context {
        final Tenant tenant = newTenant();
        final List<Target> targets = new ArrayList<>();
        int used;

        Context() {
            targets.add(newTarget(this, false));
            targets.add(newTarget(this, true));
        }

        Sent exchange(Request request) {
            used++;
            return FuzzCampaignTest.this.exchange(request);
        }

        /** A new invoice of this tenant's, for a request that would spoil a shared one. */
        Target fresh(boolean sent) {
            return newTarget(this, sent);
        }
    }

    Tenant anotherTenant() {
        return newTenant();
    }

    /** A token that covers every location of the tenant's company. */
    String agencyToken(Tenant tenant) {
        return tokens.issue(dev.remit.tenancy.TokenKind.AGENCY, tenant.companyId(), null, "fuzz agency",
                dev.remit.tenancy.Scopes.ALL).secret();
    }

    String serverUrl() {
        return baseUrl();
    }

    /**
     * A new invoice of the context's tenant, a draft or (as if sent) sent, so that void and payments have
     * something to act on, and the other resources the operations name; every request counts against the
     * context's budget.
     */
    Target newTarget(Context context, boolean sent) {
        Tenant tenant = context.tenant;
        context.used++;
        Sent created = send(new Request(null, "POST", baseUrl() + "/invoices/", headers(tenant),
                ApiClient.json(InvoiceBodies.create(tenant)).getBytes(StandardCharsets.UTF_8), List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).path("_id").asString();
        if (sent) {
            invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, null, null, unchecked -> { });
        }
        context.used++;
        Sent schedule = send(new Request(null, "POST", baseUrl() + "/invoices/schedule", headers(tenant),
                ApiClient.json(dev.remit.support.ScheduleBodies.create(tenant)).getBytes(StandardCharsets.UTF_8), List.of()));
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(200);
        context.used++;
        Sent template = send(new Request(null, "POST", baseUrl() + "/invoices/template", headers(tenant),
                ApiClient.json(dev.remit.support.TemplateBodies.create(tenant)).getBytes(StandardCharsets.UTF_8), List.of()));
        assertThat(template.status()).as(template.body()).isEqualTo(200);
        context.used += 2;
        String[] estimate = Operations.estimateResources(new ApiClient(baseUrl(), tenant.token()), tenant);
        Operations.estimateToken(estimate[0], jdbc.sql("select public_token from estimate where id = ?").param(estimate[0])
                .query(String.class).single());
        return new Target(tenant, id, publicToken(tenant, id), JSON.readTree(schedule.body()).path("_id").asString(),
                JSON.readTree(template.body()).path("_id").asString(), estimate[0], estimate[1]);
    }

    String publicToken(Tenant tenant, String invoiceId) {
        return invoices.load(tenant.locationId(), invoiceId).publicToken();
    }

    Map<String, List<String>> headers(Tenant tenant) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Mutator.set(headers, "Version", ApiClient.VERSION);
        Mutator.set(headers, "Accept", "application/json");
        Mutator.set(headers, "Authorization", "Bearer " + tenant.token());
        Mutator.set(headers, "Content-Type", "application/json");
        return headers;
    }

    Sent send(Request request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(request.url())).timeout(SLOW.plusSeconds(5))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!(request.body() == null && name.equals("Content-Type"))) {
                values.forEach(value -> http.header(name, value));
            }
        });
        long started = System.nanoTime();
        try {
            return answer(HTTP.send(http.build(), HttpResponse.BodyHandlers.ofByteArray()), started);
        } catch (java.io.IOException stale) {
            // Tomcat closes a connection after some errors (a request line past its limit); a POST on a pooled
            // connection it had closed gets no bytes back. Asked again on a new connection, it must be answered.
            try {
                HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                return answer(fresh.send(http.build(), HttpResponse.BodyHandlers.ofByteArray()), started);
            } catch (Exception e) {
                return noAnswer(e, started);
            }
        } catch (Exception e) {
            return noAnswer(e, started);
        }
    }

    private static Sent answer(HttpResponse<byte[]> response, long started) {
        Map<String, String> headers = new java.util.HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            }
        });
        return new Sent(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(),
                (System.nanoTime() - started) / 1_000_000, headers);
    }

    private static Sent noAnswer(Exception e, long started) {
        return new Sent(-1, null, ("no answer: " + e).getBytes(StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000,
                Map.of());
    }

    /** Sends a request of the campaign, checks its answer and counts it. */
    Sent exchange(Request request) {
        String token = request.headers().getOrDefault("Authorization", List.of("")).stream().findFirst().orElse("");
        LongAdder stored = sentBytes.computeIfAbsent(token, k -> new LongAdder());
        stored.add(request.body() == null ? 0 : request.body().length);
        Sent answer = send(request);
        sent.incrementAndGet();
        String op = request.op() == null ? "(setup)" : request.op().id();
        String sweep = request.mutations().isEmpty() || !request.mutations().get(0).startsWith("sweep ") ? "random"
                : request.mutations().get(0).substring(6);
        requestsByClass.computeIfAbsent(sweep, k -> new LongAdder()).increment();
        millisByClass.computeIfAbsent(sweep, k -> new LongAdder()).add(answer.millis());
        millis.computeIfAbsent(op, k -> new LongAdder()).add(answer.millis());
        statuses.computeIfAbsent(op, k -> new ConcurrentHashMap<>()).computeIfAbsent(answer.status(), k -> new LongAdder()).increment();
        largest.merge(op + " " + answer.status(), answer.bytes().length, Math::max);
        if (answer.millis() > 2_000) {
            slow.add(answer.millis() + " ms: " + request);
        }
        List<String> problems = new ArrayList<>();
        if (answer.status() < 0) {
            problems.add(answer.body());
        } else {
            problems.addAll(ResponseChecks.problems(request.op(), request.method(), request.url(), answer.status(),
                    answer.contentType(), answer.body()));
            problems.addAll(ResponseChecks.sizeProblems(request.op(), answer.status(), answer.contentType(), answer.bytes().length,
                    stored.sum()));
            problems.addAll(ResponseChecks.headerProblems(request.op(), request.headers(), answer.status()));
        }
        if (answer.millis() > SLOW.toMillis()) {
            problems.add("answered after " + answer.millis() + " ms");
        }
        if (!problems.isEmpty()) {
            fail(sweep, problems + " ← " + request + " → " + answer.status() + " " + excerpt(answer));
        }
        return answer;
    }

    void fail(String sweep, String failure) {
        failures.add(failure);
        failuresByClass.computeIfAbsent(sweep, k -> Collections.synchronizedList(new ArrayList<>())).add(failure);
    }

    private static String excerpt(Sent answer) {
        if (answer.contentType() != null && answer.contentType().startsWith("application/pdf")) {
            return "(a PDF of " + answer.bytes().length + " bytes)";
        }
        String body = answer.body();
        return body.length() > 500 ? body.substring(0, 500) + "…(" + answer.bytes().length + " bytes)" : body;
    }

    /** One request of {@code op}: valid, or with one to three mutations. */
    Request build(Operation op, Target target, Target foreign, Mutator m) {
        List<String> mutations = new ArrayList<>();
        String invoiceId = op.resourceId(target);
        Map<String, List<String>> query = new LinkedHashMap<>();
        op.query().apply(target).forEach((k, v) -> query.put(k, new ArrayList<>(List.of(v))));
        Object body = Operations.copy(op.body().apply(target));
        Map<String, List<String>> headers = headers(target.tenant());
        if (op.surface() == Operations.Surface.PUBLIC || op.id().endsWith("-pdf")) {
            Mutator.set(headers, "Accept", "*/*");
        }
        byte[] bytes = null;
        boolean valid = m.chance(0.12);
        if (!valid) {
            int count = 1 + m.nextInt(3);
            for (int i = 0; i < count; i++) {
                int kind = m.nextInt(100);
                if (kind < 8 && op.onInvoice()) {
                    invoiceId = m.invoiceId(invoiceId, mutations);
                } else if (kind < 11 && foreign != null) {
                    // another location's altId or invoice
                    if (m.chance(0.5)) {
                        invoiceId = op.resourceId(foreign);
                        mutations.add("foreign id");
                    } else {
                        query.computeIfPresent("altId", (k, v) -> new ArrayList<>(List.of(foreign.tenant().locationId())));
                        if (body instanceof Map<?, ?> map && map.containsKey("altId")) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> b = (Map<String, Object>) map;
                            b.put("altId", foreign.tenant().locationId());
                        }
                        mutations.add("foreign altId");
                    }
                } else if (kind < 17) {
                    m.mutateHeaders(headers, mutations);
                } else if (kind < 23 && body != null) {
                    bytes = m.brokenBytes(Json.write(body), mutations);
                } else if (body != null && (query.isEmpty() || kind < 80)) {
                    body = m.mutateBody(body, mutations);
                } else {
                    m.mutateQuery(query, mutations);
                }
            }
        }
        if (bytes == null && body != null) {
            bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        }
        String url = baseUrl() + op.path(target, invoiceId) + Mutator.queryString(query);
        return new Request(op, op.method(), url, headers, bytes, mutations);
    }

    /** The valid request of every operation: an entry for a route not built yet answers "Cannot ..." and is left out. */
    List<Operation> liveOperations(Context probe, List<String> absent) {
        List<Operation> live = new ArrayList<>();
        for (Operation op : Operations.ALL) {
            if (probe.used >= REQUESTS_PER_TENANT) {
                probe = new Context();
            }
            Target target = newTarget(probe, true);
            Request valid = build(op, target, null, new Mutator(0) {
                @Override
                boolean chance(double p) {
                    return true; // every request valid
                }
            });
            Sent answer = probe.exchange(valid);
            if (answer.status() == 404 && answer.body().contains("Cannot " + op.method())) {
                absent.add(op.id());
                continue;
            }
            if (answer.status() >= 500) {
                fail("valid requests", "the valid request of " + op + " answered " + answer.status() + " " + excerpt(answer));
            }
            live.add(op);
        }
        return live;
    }

    @Test
    void tenThousandHostileRequestsAnswerWithoutServerErrorsOrInternalsKeepTheContractAndStoreNoCardNumber() throws Exception {
        long started = System.nanoTime();
        Context probe = new Context();
        List<String> absent = new ArrayList<>();
        List<Operation> live = liveOperations(probe, absent).stream().filter(op -> ONLY == null || ONLY.equals(op.id())).toList();
        Sweeps sweeps = new Sweeps(this, live);
        sweeps.learnShapes(probe);
        ConcurrentLinkedQueue<Sweeps.Case> cases = new ConcurrentLinkedQueue<>(sweeps.cases().stream()
                .filter(c -> SWEEPS == null || List.of(SWEEPS.split(",")).contains(c.sweep())).toList());
        int sweepCases = cases.size();

        List<Operation> weighted = new ArrayList<>();
        for (Operation op : live) {
            // rendering a PDF costs a hundred times a JSON answer, and a token is all those requests can vary
            int weight = op.id().contains("pdf") ? 1 : op.surface() == Operations.Surface.PUBLIC ? 4 : 24;
            for (int i = 0; i < weight; i++) {
                weighted.add(op);
            }
        }
        Context foreignContext = new Context();
        Target foreign = foreignContext.targets.get(0);

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long seed = SEED + w;
            workers.add(pool.submit(() -> {
                Mutator m = new Mutator(seed);
                Context context = new Context();
                for (Sweeps.Case next = cases.poll(); next != null; next = cases.poll()) {
                    if (context.used >= REQUESTS_PER_TENANT) {
                        context = new Context();
                    }
                    next.run().accept(context);
                }
                while (sent.get() < REQUESTS) {
                    if (context.used >= REQUESTS_PER_TENANT) {
                        context = new Context();
                    }
                    Operation op = m.pick(weighted);
                    int which = m.nextInt(context.targets.size());
                    Request request = build(op, context.targets.get(which), foreign, m);
                    Sent answer = context.exchange(request);
                    if (op.destructive() && answer.status() >= 200 && answer.status() < 300) {
                        context.targets.set(which, newTarget(context, which == 1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        // After every request: what the sweeps sent was delivered or refused for good, and no card number was kept.
        long deliveriesStarted = System.nanoTime();
        sweeps.checkDeliveries();
        long deliveriesSeconds = (System.nanoTime() - deliveriesStarted) / 1_000_000_000L;
        List<String> stored = StoredCardNumbers.find(jdbc);
        stored.forEach(hit -> fail("stored card numbers", "a full card number or IBAN is stored: " + hit));

        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        String report = report(seconds, sweepCases, live, absent) + "  waited " + deliveriesSeconds + " s for the sweeps' deliveries\n";
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fuzz-report.txt"), report
                + "\nnotes:\n" + String.join("\n", notes) + "\n\nslow:\n" + String.join("\n", slow) + "\n\nfailures:\n" + String.join("\n\n", failures));

        assertThat(failures).as("%d of %d requests broke a rule; by class: %s; the first:%n%s", failures.size(), sent.get(),
                counts(failuresByClass), String.join("\n\n", firstOfEachClass())).isEmpty();
        // and the server is still well
        Sent health = send(new Request(null, "GET", baseUrl() + "/actuator/health/liveness", Map.of(), null, List.of()));
        assertThat(health.status()).isEqualTo(200);
        assertThat(sent.get()).isGreaterThanOrEqualTo(REQUESTS);
    }

    private String report(long seconds, int sweepCases, List<Operation> live, List<String> absent) {
        StringBuilder report = new StringBuilder("fuzz campaign: seed " + SEED + ", " + sent.get() + " requests in " + seconds
                + " s (" + sweepCases + " sweep cases), " + new java.util.HashSet<>(live).size() + " operations"
                + (absent.isEmpty() ? "" : " (not on this branch yet: " + absent + ")") + "\n");
        report.append("  requests by class: ").append(counts(requestsByClass.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue())))).append('\n');
        report.append("  milliseconds by class: ").append(counts(millisByClass.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().longValue())))).append('\n');
        report.append("  failures by class: ").append(counts(failuresByClass)).append('\n');
        new TreeMap<>(statuses).forEach((op, counts) -> {
            report.append(String.format("  %-32s %6d ms ", op, millis.get(op).sum()));
            new TreeMap<>(counts).forEach((status, n) -> report.append(' ').append(status).append('×').append(n.sum()));
            report.append('\n');
        });
        report.append("  largest answers:");
        largest.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> report.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return report.append('\n').toString();
    }

    private static String counts(Map<String, ?> byClass) {
        Map<String, Object> out = new TreeMap<>();
        byClass.forEach((k, v) -> out.put(k, v instanceof List<?> list ? list.size() : v));
        return out.toString();
    }

    private List<String> firstOfEachClass() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(failuresByClass).forEach((sweep, list) -> {
            synchronized (list) {
                list.stream().limit(3).forEach(f -> out.add("[" + sweep + "] " + f));
            }
        });
        return out;
    }
}
