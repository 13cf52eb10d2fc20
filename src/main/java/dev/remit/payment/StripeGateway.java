package dev.remit.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;

/**
 * The only class that talks to Stripe, through stripe-java's {@link StripeClient} pointed at
 * {@code remit.payments.stripe.api-base}. Every call that creates something carries an idempotency key.
 */
@Component
class StripeGateway {

    private final PaymentProperties.Stripe settings;
    private final Map<String, StripeClient> clients = new ConcurrentHashMap<>();

    public StripeGateway(PaymentProperties properties) {
        this.settings = properties.stripe();
    }

    /** A Checkout Session for one amount; its URL is where the customer pays. */
    public record CheckoutRequest(String invoiceId, String locationId, String lineName, long amountMinor,
            String currency, String customerEmail, String successUrl, String cancelUrl, String idempotencyKey) {
    }

    public record CheckoutSession(String id, String url) {
    }

    public CheckoutSession createCheckout(String secretKey, CheckoutRequest request) throws StripeException {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setClientReferenceId(request.invoiceId())
                .putMetadata("invoiceId", request.invoiceId())
                .putMetadata("locationId", request.locationId())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("invoiceId", request.invoiceId())
                        .putMetadata("locationId", request.locationId())
                        .setDescription(request.lineName())
                        .build())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(StripeAmounts.code(request.currency()))
                                .setUnitAmount(request.amountMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.lineName()).build())
                                .build())
                        .build());
        if (request.customerEmail() != null) {
            params.setCustomerEmail(request.customerEmail());
        }
        Session session = client(secretKey).v1().checkout().sessions().create(params.build(),
                RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
        return new CheckoutSession(session.getId(), session.getUrl());
    }

    /** An off-session charge of a saved payment method. */
    public record OffSessionCharge(String invoiceId, String locationId, String description, long amountMinor,
            String currency, String customerId, String paymentMethodId, String paymentMethodType,
            String idempotencyKey) {
    }

    /** What Stripe said about a charge. */
    public sealed interface ChargeOutcome {
    }

    /** The money was taken. */
    public record Succeeded(String paymentIntentId, long amountMinor, String cardBrand, String cardLast4)
            implements ChargeOutcome {
    }

    /** Accepted but not finished (bank debits): a webhook will tell. */
    public record Pending(String paymentIntentId, String status) implements ChargeOutcome {
    }

    /**
     * Refused: a decline, an authentication the customer must do, a bad payment method, a key Stripe
     * does not accept.
     *
     * @param byPaymentMethod the customer's method was refused (a card error, an authentication it
     *        needs), not the request (a key, a permission, a customer or method Stripe does not know)
     */
    public record Declined(String paymentIntentId, String code, String message, boolean byPaymentMethod)
            implements ChargeOutcome {
    }

    /** No answer (network, Stripe's 5xx): the charge may or may not exist; ask again with the same key. */
    public record Unknown(String message) implements ChargeOutcome {
    }

    public ChargeOutcome chargeOffSession(String secretKey, OffSessionCharge charge) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amountMinor())
                .setCurrency(StripeAmounts.code(charge.currency()))
                .setCustomer(charge.customerId())
                .setPaymentMethod(charge.paymentMethodId())
                .addPaymentMethodType(charge.paymentMethodType())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription(charge.description())
                .putMetadata("invoiceId", charge.invoiceId())
                .putMetadata("locationId", charge.locationId())
                .putMetadata("remitAutoPayment", "true")
                .addExpand("latest_charge")
                .build();
        try {
            PaymentIntent intent = client(secretKey).v1().paymentIntents().create(params,
                    RequestOptions.builder().setIdempotencyKey(charge.idempotencyKey()).build());
            return outcome(intent);
        } catch (CardException declined) {
            String intentId = declined.getStripeError() != null && declined.getStripeError().getPaymentIntent() != null
                    ? declined.getStripeError().getPaymentIntent().getId() : null;
            return new Declined(intentId, declined.getCode() == null ? "card_declined" : declined.getCode(),
                    declined.getStripeError() == null ? "declined" : declined.getStripeError().getMessage(), true);
        } catch (ApiConnectionException | IdempotencyException unreachable) {
            return new Unknown(unreachable.getClass().getSimpleName());
        } catch (InvalidRequestException invalid) {
            return new Declined(null, invalid.getCode() == null ? "invalid_request" : invalid.getCode(),
                    invalid.getStripeError() == null ? "invalid request" : invalid.getStripeError().getMessage(), false);
        } catch (StripeException other) {
            Integer status = other.getStatusCode();
            if (status == null || status >= 500 || status == 429 || status == 409) {
                return new Unknown("stripe answered " + status);
            }
            return new Declined(null, other.getCode() == null ? "stripe_" + status : other.getCode(),
                    other.getStripeError() == null ? "refused" : other.getStripeError().getMessage(), false);
        }
    }

    /** The PaymentIntent as it is now, with its latest charge (for the card's brand and last4). */
    public PaymentIntent paymentIntent(String secretKey, String id) throws StripeException {
        return client(secretKey).v1().paymentIntents().retrieve(id,
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(), RequestOptions.getDefault());
    }

    public static ChargeOutcome outcome(PaymentIntent intent) {
        return switch (intent.getStatus()) {
            case "succeeded" -> {
                Charge charge = intent.getLatestChargeObject();
                String brand = null;
                String last4 = null;
                if (charge != null && charge.getPaymentMethodDetails() != null
                        && charge.getPaymentMethodDetails().getCard() != null) {
                    brand = charge.getPaymentMethodDetails().getCard().getBrand();
                    last4 = charge.getPaymentMethodDetails().getCard().getLast4();
                }
                long received = intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount();
                yield new Succeeded(intent.getId(), received, brand, last4);
            }
            case "processing" -> new Pending(intent.getId(), intent.getStatus());
            default -> new Declined(intent.getId(),
                    intent.getLastPaymentError() != null && intent.getLastPaymentError().getCode() != null
                            ? intent.getLastPaymentError().getCode() : intent.getStatus(),
                    intent.getLastPaymentError() != null ? intent.getLastPaymentError().getMessage() : intent.getStatus(),
                    // a confirmed intent left needing a method or an action: the method failed, or needs its owner
                    "requires_payment_method".equals(intent.getStatus()) || "requires_action".equals(intent.getStatus()));
        };
    }

    private StripeClient client(String secretKey) {
        return clients.computeIfAbsent(secretKey, key -> StripeClient.builder()
                .setApiKey(key)
                .setApiBase(settings.apiBase())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(2)
                .build());
    }
}
