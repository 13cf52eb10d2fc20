package dev.remit.api;

import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.remit.tenancy.Caller;
import dev.remit.tenancy.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HighLevel's gateway, in the order it answers: the Version header, the bearer token, the
 * operation's scope, then the rate limit. Runs only for matched handlers, so an unknown path is a
 * plain 404. A request spends a budget only once its token is known, and a location's budget only
 * when the token covers that location, so that no caller can spend another's.
 */
@Component
class ApiGate implements HandlerInterceptor {

    public static final Set<String> VERSIONS = Set.of("2021-04-15", "2021-07-28", "2023-02-21");
    static final String CALLER = ApiGate.class.getName() + ".caller";

    private final TokenService tokens;
    private final OperationSecurity security;
    private final RateLimiter rateLimiter;
    private final LocationAccess access;

    public ApiGate(TokenService tokens, OperationSecurity security, RateLimiter rateLimiter, LocationAccess access) {
        this.tokens = tokens;
        this.security = security;
        this.rateLimiter = rateLimiter;
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        writeLimits(response, rateLimiter.untouched());
        if (!(handler instanceof HandlerMethod method)) {
            return true; // no such operation: the 404 that follows carries the limits too
        }
        HighLevelOperation operation = method.getMethodAnnotation(HighLevelOperation.class);
        if (operation == null) {
            if (!method.getBeanType().getName().startsWith("dev.remit.")) {
                return true; // Spring's own (the answer to OPTIONS): nothing of the API
            }
            throw new IllegalStateException(method + " is under /invoices but names no @HighLevelOperation");
        }

        String version = request.getHeader("Version");
        if (version == null || version.isBlank()) {
            throw ApiException.version("version header was not found.");
        }
        if (!VERSIONS.contains(version.trim())) {
            throw ApiException.version("version header is invalid");
        }

        Caller caller = tokens.authenticate(bearer(request))
                .orElseThrow(() -> ApiException.unauthorized(ApiException.INVALID_TOKEN));
        List<String> required = operation.value().isEmpty() ? List.of(operation.scopes())
                : security.requiredScopes(operation.value(), caller.kind())
                        .orElseThrow(() -> ApiException.unauthorized(ApiException.SCOPE_MISSING));
        if (!caller.scopes().containsAll(required)) {
            throw ApiException.unauthorized(ApiException.SCOPE_MISSING);
        }

        RateLimiter.Decision decision = rateLimiter.hit(rateLimitedResource(caller, request));
        writeLimits(response, decision);
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            throw ApiException.tooManyRequests();
        }
        request.setAttribute(CALLER, caller);
        return true;
    }

    /**
     * The budget a request spends, refused or not. A location token spends its own location's,
     * whichever location it names; an agency token the location its query's {@code altId} names when
     * that is a location of its company, else its company's own.
     */
    private String rateLimitedResource(Caller caller, HttpServletRequest request) {
        if (caller.kind().isLocationScoped()) {
            return caller.locationId();
        }
        String altId = request.getParameter("altId");
        return altId != null && altId.matches("[0-9a-f]{24}") && access.covers(caller, altId) ? altId : caller.companyId();
    }

    /**
     * The secret of the one {@code Authorization} header, if its scheme is Bearer in any case
     * (RFC 9110, 11.1). With more than one header there is no telling which the client meant: none.
     */
    private static String bearer(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        if (headers == null || !headers.hasMoreElements()) {
            return null;
        }
        String authorization = headers.nextElement();
        if (headers.hasMoreElements() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static void writeLimits(HttpServletResponse response, RateLimiter.Decision decision) {
        response.setHeader("X-RateLimit-Max", Integer.toString(decision.burstMax()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(decision.burstRemaining()));
        response.setHeader("X-RateLimit-Interval-Milliseconds", Long.toString(decision.intervalMillis()));
        response.setHeader("X-RateLimit-Limit-Daily", Integer.toString(decision.dailyMax()));
        response.setHeader("X-RateLimit-Daily-Remaining", Integer.toString(decision.dailyRemaining()));
    }

    static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(CALLER);
    }
}
