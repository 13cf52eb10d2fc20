package dev.remit.delivery;

import java.io.IOException;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * Angus Mail's SMTP transport ({@code smtp} or {@code smtps}) that remembers whether the last
 * message got as far as the end of its data. An SMTP server accepts a message only with its reply
 * to the final {@code CRLF.CRLF}; a message whose try failed before that point cannot have been
 * accepted, so sending it again on another connection cannot make a duplicate.
 */
final class TrackedSmtpTransport extends SMTPTransport {

    private volatile boolean dataFinished;

    TrackedSmtpTransport(Session session, URLName url) {
        super(session, url, url.getProtocol(), "smtps".equals(url.getProtocol()));
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dataFinished = false;
        super.sendMessage(message, addresses);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dataFinished = true;
        super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        dataFinished = true;
        super.finishBdat();
    }

    /** Whether the last message was written to its end: the server may have accepted it even if its reply was lost. */
    boolean mayHaveBeenAccepted() {
        return dataFinished;
    }
}
