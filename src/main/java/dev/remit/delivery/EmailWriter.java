package dev.remit.delivery;

/**
 * Writes the content of a pending email ({@link EmailMessage#pending}) when it is first delivered.
 * An invoice's email carries its PDF, and writing a PDF takes milliseconds of CPU: written
 * by the delivery worker, it stays out of the request and the transaction that queued the email.
 * What was written is stored with the message, so a retry sends the same email.
 */
public interface EmailWriter {

    /** The name of the writer of an invoice's own email (the one send queues), for those who answer in its name. */
    String INVOICE = "invoice";

    /** The name a pending email carries in {@link EmailMessage#writer()}. */
    String name();

    /**
     * The content of {@code pending}, from what it is about as it is now.
     *
     * @throws IllegalArgumentException when the email cannot be written (what it is about is gone);
     *         it then fails for good
     */
    EmailMessage.Content write(EmailMessage pending);
}
