package dev.remit.page;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers a public page holding a secret link should carry: a strict Content-Security-Policy (no
 * scripts at all), no storing by shared caches, no indexing, and no Referer that would carry the
 * token to third parties.
 */
@Component
class PublicPageHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = policy("https://checkout.stripe.com");

    /** The Pay form posts here and is redirected to Stripe Checkout, which form-action must allow. */
    private final String contentSecurityPolicy;

    public PublicPageHeaders(
            @org.springframework.beans.factory.annotation.Value("${remit.payments.stripe.checkout-origin:https://checkout.stripe.com}")
            String checkoutOrigin) {
        this.contentSecurityPolicy = policy(checkoutOrigin);
    }

    static String policy(String checkoutOrigin) {
        return "default-src 'none'; style-src 'self'; img-src 'self' https: data:; "
                + "form-action 'self' " + checkoutOrigin + "; frame-ancestors 'none'; base-uri 'none'";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith(HostedPageController.PATH) || path.startsWith(EstimateLinks.PATH)
                || path.startsWith("/assets/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (request.getRequestURI().startsWith(HostedPageController.PATH)
                || request.getRequestURI().startsWith(EstimateLinks.PATH)) {
            response.setHeader("Cache-Control", "private, no-store");
            response.setHeader("X-Robots-Tag", "noindex, nofollow");
        }
        chain.doFilter(request, response);
    }
}
