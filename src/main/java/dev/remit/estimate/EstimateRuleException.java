package dev.remit.estimate;

/**
 * A rule of the estimate said no (accepting a declined or expired estimate, editing an invoiced one, ...).
 * The web edge answers 422 with the rule's words, or 400 for {@link Kind#BAD_REQUEST}.
 */
public class EstimateRuleException extends RuntimeException {

    public enum Kind { BAD_REQUEST, UNPROCESSABLE }

    private final Kind kind;

    EstimateRuleException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static EstimateRuleException unprocessable(String message) {
        return new EstimateRuleException(Kind.UNPROCESSABLE, message);
    }

    static EstimateRuleException badRequest(String message) {
        return new EstimateRuleException(Kind.BAD_REQUEST, message);
    }

    public Kind kind() {
        return kind;
    }
}
