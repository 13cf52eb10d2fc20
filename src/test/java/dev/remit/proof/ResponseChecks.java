package dev.remit.proof;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.remit.proof.Operations.Operation;
import dev.remit.proof.Operations.Surface;
import dev.remit.support.ContractValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every answer must be, whatever was asked: no 5xx, no internals, errors in HighLevel's shape, the contract kept. */
final class ResponseChecks {

    private ResponseChecks() {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Stack frames, exception and class names, SQL errors, pool names: none may reach a client. */
    static final Pattern INTERNALS = Pattern.compile("Exception|Throwable|\\bat [a-z]+\\.[a-z]+|"
            + "\\b(java|javax|jakarta|jdk|sun|org\\.springframework|org\\.apache|org\\.h2|org\\.postgresql|org\\.flywaydb|"
            + "tools\\.jackson|com\\.fasterxml|com\\.zaxxer|com\\.github|dev\\.remit)\\.[a-zA-Z]|"
            + "SQL ?[Ss]tate|syntax error|HikariPool|Whitelabel|Apache Tomcat|ERROR: ");

    /** A form that starts a payment (no tenant of the campaign connects Stripe, so no page may offer one). */
    private static final Pattern OFFERS_PAY = Pattern.compile("action=\"[^\"]*/pay\"");

    /** Strings the fuzzer itself sends that look like internals, removed before looking for internals in an echo. */
    private static final List<String> ECHOED = List.of("T(java.lang.Runtime)", "jndi:ldap");

    /** Statuses HTTP itself gives (not acceptable, too large) that no API contract lists; their bodies are still checked. */
    private static final java.util.Set<Integer> HTTP_ONLY = java.util.Set.of(405, 406, 413, 414, 415, 431);

    /**
     * The most any answer to a fuzzed request may weigh. An error names what was wrong, never echoes
     * it in bulk; a JSON answer carries at most the few invoices a small tenant has. A 413 for a body
     * past the 1 MB limit must not be larger than the limit itself, so this is far below it.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** A PDF of an invoice holding as much text as the body limit lets in, with room to spare. */
    static final int MAX_PDF_BYTES = 8 * 1024 * 1024;
    /** The server's own description and metrics: not shaped by the request, and larger than an answer. */
    private static final java.util.Set<String> UNBOUNDED = java.util.Set.of("api-docs", "actuator-prometheus");

    /**
     * The size bound. An error (4xx) weighs at most {@link #MAX_ANSWER_BYTES}, whatever was sent:
     * it names what was wrong and does not echo it. A success may also carry what the tenant
     * stored, so it may be {@code stored} bytes larger (twice what the tenant's requests carried in
     * all, for escapes and repeated fields); a PDF may be {@link #MAX_PDF_BYTES}.
     */
    static List<String> sizeProblems(Operation op, int status, String contentType, int bytes, long stored) {
        if (op != null && UNBOUNDED.contains(op.id()) && status < 300) {
            return List.of();
        }
        boolean pdf = status < 300 && contentType != null && contentType.startsWith("application/pdf");
        long max = pdf ? MAX_PDF_BYTES : status < 300 ? MAX_ANSWER_BYTES + 2 * stored : MAX_ANSWER_BYTES;
        return bytes > max ? List.of("an answer of " + bytes + " bytes, past the bound of " + max) : List.of();
    }

    /**
     * A request that names its caller twice is refused (which token would it be?): 401 or 400 on every
     * path that takes a token, unless a check that comes before the token refused it first (413 for a
     * body past the size limit, 415 for a Content-Type that names no media type: docs/api-contract.md).
     */
    static List<String> headerProblems(Operation op, java.util.Map<String, List<String>> headers, int status) {
        boolean gated = op != null && Operations.ALL.contains(op) && op.surface() != Surface.PUBLIC;
        List<String> authorization = headers.getOrDefault("Authorization", List.of());
        if (gated && authorization.size() > 1 && status != 400 && status != 401
                && status != 413 && status != 415) {
            return List.of("two Authorization headers answered " + status);
        }
        return List.of();
    }

    static List<String> problems(Operation op, String method, String url, int status, String contentType, String body) {
        List<String> problems = new ArrayList<>();
        if (op == null) {
            return problems;
        }
        if (status >= 500) {
            problems.add("answered " + status);
        }
        String scrubbed = body;
        for (String echoed : ECHOED) {
            scrubbed = scrubbed.replace(echoed, "");
        }
        var internals = INTERNALS.matcher(scrubbed);
        if (!(op.id().equals("actuator-prometheus") && status < 300) && internals.find()) {
            problems.add("internals in the body: …" + excerpt(scrubbed, internals.start()) + "…");
        }
        if (op.id().equals("hosted-page") && status == 200 && OFFERS_PAY.matcher(body).find()) {
            problems.add("the page offers Pay, and the location has no payment provider");
        }
        boolean json = contentType != null && contentType.startsWith("application/json");
        if (status >= 400 && (op.surface() != Surface.PUBLIC || json)) {
            problems.addAll(errorShape(status, json, body));
        }
        if (op.surface() == Surface.SPEC && (status < 400 || json)) {
            String path = URI.create(url).getPath();
            if (path != null) {
                ContractValidator.get().problems(method, path, status, contentType, body).stream()
                        .filter(p -> !(HTTP_ONLY.contains(status) && p.startsWith("validation.response.status.unknown")))
                        // a hostile id can decode to a path the spec has no template for: nothing to hold the answer to
                        .filter(p -> !p.startsWith("validation.request.path.missing") && !p.startsWith("validation.request.operation.notAllowed"))
                        .forEach(p -> problems.add("contract: " + p));
            }
        }
        return problems;
    }

    /** {"statusCode": <the status>, "message": "..." or [...]}; a 422's message is an array. */
    static List<String> errorShape(int status, boolean json, String body) {
        List<String> problems = new ArrayList<>();
        if (!json) {
            problems.add("error without a JSON body");
            return problems;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (RuntimeException e) {
            problems.add("error body is not JSON");
            return problems;
        }
        if (!tree.isObject()) {
            problems.add("error body is not an object");
            return problems;
        }
        if (!tree.path("statusCode").isNumber() || tree.path("statusCode").asInt() != status) {
            problems.add("statusCode " + tree.path("statusCode") + " for status " + status);
        }
        JsonNode message = tree.path("message");
        if (status == 422) {
            if (!message.isArray() || message.isEmpty()) {
                problems.add("a 422 message must be a non-empty array");
            } else {
                message.forEach(m -> {
                    if (!m.isString()) {
                        problems.add("422 message entries must be strings");
                    }
                });
            }
        } else if (!message.isString() && !message.isArray()) {
            problems.add("no message");
        }
        return problems;
    }

    private static String excerpt(String body, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(body.length(), at + 100);
        return body.substring(from, to);
    }
}
