package dev.remit.api;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every response carries X-Request-Id: the caller's when it is a sane token, else a new one. The id
 * is kept as a request attribute too, so the error dispatch that follows a failure (and its log
 * line) carries the same id; while a request runs it is in the logging MDC as {@code requestId}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = idOf(request);
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, requestId);
        }
        String outer = MDC.get("requestId");
        MDC.put("requestId", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.remove("requestId");
            } else {
                MDC.put("requestId", outer);
            }
        }
    }

    /** Also on the error dispatch, so that /error answers and logs with the request's id. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The id of this request: the one already given to it, the caller's, or a new one. */
    public static String idOf(ServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String id) {
            return id;
        }
        String given = request instanceof HttpServletRequest http ? http.getHeader(HEADER) : null;
        String requestId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, requestId);
        return requestId;
    }

    /** The id of the request this thread is serving, or null outside one. */
    public static String current() {
        return MDC.get("requestId");
    }
}
