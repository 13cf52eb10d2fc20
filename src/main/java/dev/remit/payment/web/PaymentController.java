package dev.remit.payment.web;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.payment.HostedCheckout;
import dev.remit.payment.StripeWebhooks;

/**
 * The customer's Pay button ({@code POST /i/{token}/pay}, public: the token is the key) and
 * Stripe's webhook ({@code POST /payments/stripe/webhook/{locationId}}, signed by Stripe).
 */
@RestController
public class PaymentController {

    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);

    private final HostedCheckout checkout;
    private final StripeWebhooks webhooks;

    public PaymentController(HostedCheckout checkout, StripeWebhooks webhooks) {
        this.checkout = checkout;
        this.webhooks = webhooks;
    }

    @PostMapping(HostedCheckout.PAGE_PATH + "{token}/pay")
    ResponseEntity<String> pay(@PathVariable String token) {
        HostedCheckout.Result result = checkout.start(token);
        if (result instanceof HostedCheckout.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(redirect.url()))
                    .header("Cache-Control", "no-store").build();
        }
        HostedCheckout.Refused refused = (HostedCheckout.Refused) result;
        return ResponseEntity.status(refused.status()).contentType(new MediaType(MediaType.TEXT_HTML,
                java.nio.charset.StandardCharsets.UTF_8)).header("Cache-Control", "no-store")
                .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Payment</title></head>"
                        + "<body><main><h1>Payment could not start</h1><p>" + escape(refused.message()) + "</p>"
                        + (refused.backUrl() == null ? "" : "<p><a href=\"" + escape(refused.backUrl())
                                + "\">Back to the invoice</a></p>")
                        + "</main></body></html>");
    }

    @PostMapping(value = "/payments/stripe/webhook/{locationId}")
    ResponseEntity<Map<String, Object>> webhook(@PathVariable String locationId,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature,
            @RequestBody(required = false) String payload) {
        try {
            StripeWebhooks.Outcome outcome = webhooks.receive(locationId, payload == null ? "" : payload, signature);
            return ResponseEntity.ok(Map.of("received", true, "outcome", outcome.name().toLowerCase()));
        } catch (StripeWebhooks.Rejected rejected) {
            log.info("Stripe webhook for location {} refused: {}", locationId, rejected.getMessage());
            return ResponseEntity.badRequest()
                    .body(Map.of("statusCode", 400, "message", rejected.getMessage(), "error", "Bad Request"));
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
