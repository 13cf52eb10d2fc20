package dev.remit.page;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's side: the hosted invoice page at the public link, and its PDF. No login; the
 * token in the link is the key. A wrong or withdrawn token is a plain 404 page.
 */
@RestController
class HostedPageController {

    public static final String PATH = "/i/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,86}");

    private final PublicInvoices invoices;
    private final InvoiceRenderer renderer;

    public HostedPageController(PublicInvoices invoices, InvoiceRenderer renderer) {
        this.invoices = invoices;
        this.renderer = renderer;
    }

    @GetMapping(value = PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String paid,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String canceled) {
        Optional<PublicInvoice> found = find(token);
        if (found.isEmpty()) {
            return notFound();
        }
        invoices.recordVisit(found.get());
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(renderer.page(found.get().view(), returnedFromCheckout(found.get().view(), paid, canceled)));
    }

    /** What a customer coming back from Stripe Checkout is told (the webhook may still be on its way). */
    private static String returnedFromCheckout(InvoiceView view, String paid, String canceled) {
        if (paid != null) {
            return view.isPaid() ? "Thank you: your payment was received and the invoice is paid."
                    : "Thank you: your payment was received. It will show on the invoice once it is confirmed.";
        }
        if (canceled != null) {
            return "The payment was canceled; nothing was charged. You can pay whenever you are ready.";
        }
        return null;
    }

    @GetMapping(PATH + "{token}/pdf")
    ResponseEntity<?> pdf(@PathVariable String token) {
        Optional<PublicInvoice> found = find(token);
        if (found.isEmpty()) {
            return notFound();
        }
        InvoiceView view = found.get().view();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(InvoiceRenderer.pdfName(view)).build().toString())
                .body(renderer.pdf(view, found.get().paper()));
    }

    private Optional<PublicInvoice> find(String token) {
        return TOKEN.matcher(token).matches() ? invoices.findByToken(token) : Optional.empty();
    }

    private ResponseEntity<String> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(renderer.notFoundPage());
    }
}
