package dev.remit.page;

import org.springframework.stereotype.Component;

import dev.remit.instance.InstanceProperties;
import dev.remit.invoice.InvoiceLinks;

/** The customer-facing addresses of an invoice: remit.public-base-url, then /i/ and the invoice's token. */
@Component
public class PublicLinks implements InvoiceLinks {

    private final String base;

    public PublicLinks(InstanceProperties properties) {
        String url = properties.publicBaseUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String page(String publicToken) {
        return base + HostedPageController.PATH + publicToken;
    }

    public String pdf(String publicToken) {
        return page(publicToken) + "/pdf";
    }

    public String pay(String publicToken) {
        return page(publicToken) + "/pay";
    }
}
