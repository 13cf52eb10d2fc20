package dev.remit.tenancy;

/** A freshly issued token together with its secret, which is shown this once and never stored. */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + "]";
    }
}
