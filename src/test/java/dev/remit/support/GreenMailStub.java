package dev.remit.support;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail as the SMTP server, one for the whole test JVM. Import this into a
 * {@link RemitServerTest} to send the server's mail to it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GreenMailStub implements StubProperties {

    public static final GreenMail GREEN_MAIL = new GreenMail(new ServerSetup(FreePort.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        GREEN_MAIL.start();
        Runtime.getRuntime().addShutdownHook(new Thread(GREEN_MAIL::stop));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", GREEN_MAIL.getSmtp().getPort());
    }
}
