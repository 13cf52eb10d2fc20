package dev.remit.numbering;

/** A number a caller asked for is already used by another document of the sequence. */
public class NumberTakenException extends RuntimeException {

    private final String number;

    public NumberTakenException(String number) {
        super("number " + number + " is already used", null, false, false);
        this.number = number;
    }

    public String number() {
        return number;
    }
}
