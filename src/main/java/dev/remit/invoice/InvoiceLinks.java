package dev.remit.invoice;

/** Where an invoice's public page is, for the API to say (the page capability serves and implements it). */
public interface InvoiceLinks {

    /** The hosted page at the invoice's unguessable token. */
    String page(String publicToken);
}
