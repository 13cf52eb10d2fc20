package dev.remit.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock playing Twilio's Messages API, one server for the whole test JVM. Import this into a
 * {@link RemitServerTest} to send the server's SMS to it with these credentials.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TwilioStub implements StubProperties {

    public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_TOKEN = "twilio-test-token";
    public static final String TWILIO_FROM = "+15550001000";
    public static final String TWILIO_PATH = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";

    public static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort());

    static {
        TWILIO.start();
        Runtime.getRuntime().addShutdownHook(new Thread(TWILIO::stop));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("remit.sms.twilio.account-sid", TWILIO_SID, "remit.sms.twilio.auth-token", TWILIO_TOKEN,
                "remit.sms.twilio.from-number", TWILIO_FROM, "remit.sms.twilio.base-url", TWILIO.baseUrl());
    }
}
