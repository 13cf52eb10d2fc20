package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.remit.page.InvoiceView.Status;

/** An invoice version is rendered once while it is kept; any change the customer could see renders it again. */
class RenderCacheTest {

    private final InvoiceRenderer renderer = new InvoiceRenderer(new RenderCacheSettings(DataSize.ofMegabytes(32)), null);

    @Test
    void theSameVersionIsRenderedOnce() throws Exception {
        RenderedEmail first = renderer.email(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);
        RenderedEmail second = renderer.email(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);

        var stats = renderer.renderCache().stats();
        assertThat(stats.missCount()).isEqualTo(2); // the email's words and its PDF
        assertThat(stats.hitCount()).isEqualTo(2);
        assertThat(second.pdf()).isEqualTo(first.pdf());
        assertThat(second.html()).isEqualTo(first.html());
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.subject()).isEqualTo(first.subject());
        assertThat(second.pdfName()).isEqualTo(first.pdfName());
    }

    @Test
    void theHostedPdfAndTheEmailsAttachmentAreOneRendering() {
        byte[] download = renderer.pdf(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);
        RenderedEmail email = renderer.email(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);

        assertThat(email.pdf()).isEqualTo(download);
        assertThat(renderer.renderCache().stats().hitCount()).isEqualTo(1);
    }

    @Test
    void aChangedInvoiceIsRenderedAgain() throws Exception {
        RenderedEmail before = renderer.email(version("INV-0019", "$1,000.00"), InvoiceRenderer.PaperSize.A4);
        // the same invoice after an edit: another amount due
        RenderedEmail after = renderer.email(version("INV-0019", "$1,250.00"), InvoiceRenderer.PaperSize.A4);

        assertThat(renderer.renderCache().stats().hitCount()).isZero();
        assertThat(renderer.renderCache().stats().missCount()).isEqualTo(4);
        assertThat(dev.remit.support.Documents.pdfText(after.pdf()))
                .isNotEqualTo(dev.remit.support.Documents.pdfText(before.pdf()));
        assertThat(dev.remit.support.Documents.pdfText(after.pdf())).contains("$1,250.00");
        assertThat(after.html()).contains("$1,250.00");
        assertThat(before.html()).doesNotContain("$1,250.00");
    }

    @Test
    void anotherPaperSizeIsAnotherPdf() throws Exception {
        InvoiceView due = SampleInvoices.withStatus(Status.DUE, false);
        byte[] a4 = renderer.pdf(due, InvoiceRenderer.PaperSize.A4);
        byte[] letter = renderer.pdf(due, InvoiceRenderer.PaperSize.LETTER);

        assertThat(renderer.renderCache().stats().hitCount()).isZero();
        try (var document = org.apache.pdfbox.Loader.loadPDF(letter)) {
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(612f, org.assertj.core.data.Offset.offset(2f));
        }
        assertThat(letter).isNotEqualTo(a4);
    }

    @Test
    void whatIsKeptStaysWithinTheBound() {
        long bound = DataSize.ofKilobytes(200).toBytes();
        InvoiceRenderer small = new InvoiceRenderer(new RenderCacheSettings(DataSize.ofBytes(bound)), null);
        for (int i = 0; i < 12; i++) {
            small.pdf(numbered(i), InvoiceRenderer.PaperSize.A4);
        }

        assertThat(small.renderCache().weightedSize()).isPositive().isLessThanOrEqualTo(bound);
        assertThat(small.renderCache().stats().evictionCount()).isPositive();
        // an evicted version is rendered again, not lost
        small.pdf(numbered(0), InvoiceRenderer.PaperSize.A4);
        assertThat(small.renderCache().stats().missCount()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aZeroBoundKeepsNothing() {
        InvoiceRenderer none = new InvoiceRenderer(new RenderCacheSettings(DataSize.ofBytes(0)), null);
        byte[] first = none.pdf(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);
        byte[] second = none.pdf(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);

        assertThat(none.renderCache().stats().hitCount()).isZero();
        assertThat(none.renderCache().weightedSize()).isZero();
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void aCallerChangingItsPdfDoesNotChangeTheKeptOne() {
        InvoiceView due = SampleInvoices.withStatus(Status.DUE, false);
        byte[] first = renderer.pdf(due, InvoiceRenderer.PaperSize.A4);
        byte[] original = first.clone();
        java.util.Arrays.fill(first, (byte) 0);

        assertThat(renderer.pdf(due, InvoiceRenderer.PaperSize.A4)).isEqualTo(original);
    }

    private static InvoiceView numbered(int n) {
        return version("INV-" + n, "$1,000.00");
    }

    private static InvoiceView version(String number, String amountDue) {
        InvoiceView v = SampleInvoices.withStatus(Status.DUE, false);
        return new InvoiceView(v.invoiceId(), number, v.title(), v.name(), v.status(), v.testMode(), v.business(),
                v.customer(), v.issueDate(), v.dueDate(), v.currency(), v.lines(), v.subTotal(), v.discountLabel(),
                v.discount(), v.tax(), v.charges(), v.lateFees(), v.total(), v.amountPaid(), amountDue, v.termsNotes(), v.publicUrl(),
                v.pdfUrl(), v.payUrl(), v.paymentInstructions(), v.payments());
    }
}
