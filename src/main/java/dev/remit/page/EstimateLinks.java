package dev.remit.page;

import org.springframework.stereotype.Component;

import dev.remit.instance.InstanceProperties;

/**
 * An estimate's customer-facing addresses: remit.public-base-url, then /e/ and the estimate's public
 * token (256 random bits, made with the estimate, as an invoice's).
 */
@Component
public class EstimateLinks {

    public static final String PATH = "/e/";

    private final String base;

    public EstimateLinks(InstanceProperties properties) {
        String url = properties.publicBaseUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String page(String token) {
        return base + PATH + token;
    }

    public String pdf(String token) {
        return page(token) + "/pdf";
    }

    /** Where the page's Accept form posts: a path on this server, so the form stays same-origin. */
    public static String acceptPath(String token) {
        return PATH + token + "/accept";
    }

    public static String declinePath(String token) {
        return PATH + token + "/decline";
    }
}
