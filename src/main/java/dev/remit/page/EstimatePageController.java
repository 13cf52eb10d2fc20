package dev.remit.page;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.instance.InstanceProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The customer's side of an estimate, at its public link (no login; the token is the key): the page,
 * its PDF, and the Accept and Decline forms it posts. An answer is redirected back to the page
 * (303), so reloading it posts nothing again; a second Accept (a double click, a retry) changes
 * nothing and lands on the same page. A form posted from another site is refused (see
 * {@link #fromAnotherSite}).
 */
@RestController
class EstimatePageController {

    static final int MAX_NAME = 200;
    static final int MAX_REASON = 1000;
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final EstimatePages views;
    private final EstimateAnswers answers;
    private final InvoiceRenderer renderer;
    private final String publicOrigin;

    EstimatePageController(EstimatePages views, EstimateAnswers answers, InvoiceRenderer renderer,
            InstanceProperties instance) {
        this.views = views;
        this.answers = answers;
        this.renderer = renderer;
        this.publicOrigin = origin(instance.publicBaseUrl());
    }

    @GetMapping(value = EstimateLinks.PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String accepted,
            @RequestParam(required = false) String declined) {
        Optional<EstimatePages.Shown> found = views.byToken(token);
        if (found.isEmpty()) {
            return notFound();
        }
        answers.recordVisit(found.get().locationId(), found.get().estimateId());
        EstimateView view = found.get().view();
        String notice = accepted != null && view.isAccepted() ? "Thank you: you accepted this estimate."
                : declined != null && view.isDeclined() ? "You declined this estimate. Thank you for letting us know." : null;
        return html(HttpStatus.OK, renderer.estimatePage(view, notice, null));
    }

    @GetMapping(EstimateLinks.PATH + "{token}/pdf")
    ResponseEntity<?> pdf(@PathVariable String token) {
        Optional<EstimatePages.Shown> found = views.byToken(token);
        if (found.isEmpty()) {
            return notFound();
        }
        EstimateView view = found.get().view();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(InvoiceRenderer.estimatePdfName(view)).build().toString())
                .body(renderer.estimatePdf(view, found.get().paper()));
    }

    @PostMapping(EstimateLinks.PATH + "{token}/accept")
    ResponseEntity<String> accept(@PathVariable String token, @RequestParam(required = false) String name,
            HttpServletRequest request) {
        Optional<EstimatePages.Shown> found = views.byToken(token);
        if (found.isEmpty()) {
            return notFound();
        }
        if (fromAnotherSite(request)) {
            return refused(found.get(), HttpStatus.FORBIDDEN, "This form can only be sent from the estimate's own page.");
        }
        String typed = name == null ? "" : name.strip();
        if (typed.isEmpty()) {
            return refused(found.get(), HttpStatus.UNPROCESSABLE_ENTITY, "Type your full name to accept the estimate.");
        }
        if (typed.length() > MAX_NAME || !dev.remit.text.TextRule.allowed(typed)) {
            return refused(found.get(), HttpStatus.UNPROCESSABLE_ENTITY,
                    "Your name must be at most " + MAX_NAME + " ordinary characters.");
        }
        EstimateAnswers.Outcome outcome = answers.accept(found.get().locationId(), found.get().estimateId(), typed);
        return outcome.done() ? backToPage(token, "accepted")
                : refused(views.byToken(token).orElse(found.get()), HttpStatus.CONFLICT, outcome.refusal());
    }

    @PostMapping(EstimateLinks.PATH + "{token}/decline")
    ResponseEntity<String> decline(@PathVariable String token, @RequestParam(required = false) String reason,
            HttpServletRequest request) {
        Optional<EstimatePages.Shown> found = views.byToken(token);
        if (found.isEmpty()) {
            return notFound();
        }
        if (fromAnotherSite(request)) {
            return refused(found.get(), HttpStatus.FORBIDDEN, "This form can only be sent from the estimate's own page.");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && (why.length() > MAX_REASON || !dev.remit.text.TextRule.allowed(why))) {
            return refused(found.get(), HttpStatus.UNPROCESSABLE_ENTITY,
                    "The reason must be at most " + MAX_REASON + " ordinary characters.");
        }
        EstimateAnswers.Outcome outcome = answers.decline(found.get().locationId(), found.get().estimateId(), why);
        return outcome.done() ? backToPage(token, "declined")
                : refused(views.byToken(token).orElse(found.get()), HttpStatus.CONFLICT, outcome.refusal());
    }

    /**
     * A browser says where a form was posted from: {@code Sec-Fetch-Site} (every current browser), else
     * {@code Origin}. Only the page itself (same origin) or no page at all (a person's own request) may
     * answer an estimate. The page's Referrer-Policy (no-referrer) makes a browser send
     * {@code Origin: null}, which says nothing and is let through on its own.
     */
    boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String lower = site.toLowerCase(Locale.ROOT);
            return !(lower.equals("same-origin") || lower.equals("none"));
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String own = request.getScheme() + "://" + request.getHeader("Host");
        return !(origin.equalsIgnoreCase(own) || origin.equalsIgnoreCase(publicOrigin));
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (RuntimeException malformed) {
            return url;
        }
    }

    private static ResponseEntity<String> backToPage(String token, String outcome) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(EstimateLinks.PATH + token + "?" + outcome + "=1"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private ResponseEntity<String> refused(EstimatePages.Shown shown, HttpStatus status, String message) {
        return html(status, renderer.estimatePage(shown.view(), null, message));
    }

    private ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, renderer.estimateNotFoundPage());
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).body(body);
    }
}
