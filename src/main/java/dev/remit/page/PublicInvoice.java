package dev.remit.page;

/** An invoice found by its public token: what to show, and on what paper to print it. */
public record PublicInvoice(String locationId, String invoiceId, InvoiceView view, InvoiceRenderer.PaperSize paper) {
}
