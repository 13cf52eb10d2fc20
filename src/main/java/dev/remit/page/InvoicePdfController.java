package dev.remit.page;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.invoice.InvoiceService;
import dev.remit.tenancy.Location;

/**
 * remit's own extension: GET /invoices/{invoiceId}/pdf?altId=...&altType=location gives the
 * invoice's PDF to an API client, the same document the customer downloads.
 */
@RestController
class InvoicePdfController {

    private final InvoiceService invoices;
    private final InvoicePages pages;
    private final InvoiceRenderer renderer;

    public InvoicePdfController(InvoiceService invoices, InvoicePages pages, InvoiceRenderer renderer) {
        this.invoices = invoices;
        this.pages = pages;
        this.renderer = renderer;
    }

    @GetMapping(HighLevelPaths.INVOICE + "/pdf")
    @HighLevelOperation(scopes = "invoices.readonly")
    public ResponseEntity<byte[]> pdf(@PathVariable String invoiceId, Location location) {
        PublicInvoice invoice = pages.present(invoices.load(location.id(), invoiceId), location);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(InvoiceRenderer.pdfName(invoice.view())).build().toString())
                .body(renderer.pdf(invoice.view(), invoice.paper()));
    }
}
