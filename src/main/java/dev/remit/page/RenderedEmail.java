package dev.remit.page;

/** An invoice email's parts: subject, plain text and HTML saying the same, and the PDF to attach. */
public record RenderedEmail(String subject, String text, String html, String pdfName, byte[] pdf) {
}
