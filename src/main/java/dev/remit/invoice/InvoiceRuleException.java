package dev.remit.invoice;

/**
 * A business rule of the invoice said no (paying a void invoice, voiding a paid one, ...). The web
 * edge answers {@link Kind#UNPROCESSABLE} with 422 and {@link Kind#BAD_REQUEST} with 400 (the
 * spec's own 400 examples for delete and void).
 */
public class InvoiceRuleException extends RuntimeException {

    public enum Kind { BAD_REQUEST, UNPROCESSABLE }

    private final Kind kind;

    public InvoiceRuleException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static InvoiceRuleException unprocessable(String message) {
        return new InvoiceRuleException(Kind.UNPROCESSABLE, message);
    }

    public static InvoiceRuleException badRequest(String message) {
        return new InvoiceRuleException(Kind.BAD_REQUEST, message);
    }

    public Kind kind() {
        return kind;
    }
}
