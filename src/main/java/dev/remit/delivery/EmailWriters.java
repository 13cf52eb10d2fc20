package dev.remit.delivery;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The {@link EmailWriter}s by name; looked up on first use, since writers depend on other capabilities. */
@Component
class EmailWriters {

    private final ObjectProvider<EmailWriter> provider;
    private volatile Map<String, EmailWriter> byName;

    EmailWriters(ObjectProvider<EmailWriter> provider) {
        this.provider = provider;
    }

    /**
     * The pending email with its content, checked as a queued email is.
     *
     * @throws IllegalArgumentException when it cannot be written: no such writer, or the writer says so
     */
    EmailMessage write(EmailMessage pending) {
        EmailWriter writer = writers().get(pending.writer());
        if (writer == null) {
            throw new IllegalArgumentException("no email writer named " + pending.writer());
        }
        return MessageChecks.checked(pending.written(writer.write(pending)));
    }

    private Map<String, EmailWriter> writers() {
        Map<String, EmailWriter> writers = byName;
        if (writers == null) {
            writers = provider.orderedStream().collect(Collectors.toUnmodifiableMap(EmailWriter::name, Function.identity()));
            byName = writers;
        }
        return writers;
    }
}
