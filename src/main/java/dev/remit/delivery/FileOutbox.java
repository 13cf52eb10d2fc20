package dev.remit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.remit.instance.DataFolder;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The embedded default and the sandbox: {@code <data folder>/outbox/email/<id>.eml} (the whole MIME
 * message; it keeps its Bcc header, which SMTP carries only in the envelope) and
 * {@code <data folder>/outbox/sms/<id>.json} ({@code to}, {@code from}, {@code body}). Files appear
 * whole (written aside, then moved), and a second write of the same message replaces the first.
 * Folders and files are readable by their owner only (the temporary file is created 0600).
 */
final class FileOutbox {

    private final Path root;

    FileOutbox(Path dataDir) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("outbox");
    }

    Path emailFolder() {
        return root.resolve("email");
    }

    Path smsFolder() {
        return root.resolve("sms");
    }

    Outcome writeEmail(String id, MimeMessage message) {
        try {
            Path file = write(emailFolder(), id + ".eml", out -> {
                try {
                    message.writeTo(out);
                } catch (MessagingException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
            return new Outcome.Delivered(root.getParent().relativize(file).toString());
        } catch (IOException e) {
            return new Outcome.Transient("outbox: " + ErrorText.of(e));
        }
    }

    Outcome writeSms(String id, String to, String from, String body) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("to", to);
        json.put("from", from);
        json.put("body", body);
        try {
            Path file = write(smsFolder(), id + ".json", out -> DeliveryRepository.PAYLOAD.writerWithDefaultPrettyPrinter()
                    .writeValue(out, json));
            return new Outcome.Delivered(root.getParent().relativize(file).toString());
        } catch (IOException | RuntimeException e) {
            return new Outcome.Transient("outbox: " + ErrorText.of(e));
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static Path write(Path folder, String name, Writer writer) throws IOException {
        DataFolder.ownerOnlyDirectories(folder);
        Path target = folder.resolve(name);
        Path temporary = Files.createTempFile(folder, "." + name, ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
