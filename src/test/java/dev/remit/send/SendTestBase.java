package dev.remit.send;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.remit.support.ApiClient;
import dev.remit.support.TestDatabase;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Company;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;
import dev.remit.tenancy.User;

/**
 * A server with SMTP on GreenMail and Twilio on WireMock, over a database of its own (no other test
 * context's workers may take its messages).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "remit.bootstrap.enabled=false",
        "db-scheduler.polling-interval=100ms",
        "remit.delivery.initial-backoff=200ms",
        "remit.delivery.max-backoff=1s",
        "remit.mail.from-address=invoices@remit.example",
        "remit.public-base-url=https://pay.remit.example"})
abstract class SendTestBase {

    static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    static final String TWILIO_TOKEN = "twilio-test-token";
    static final String TWILIO_FROM = "+15550001000";
    static final String TWILIO_PATH = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";

    static final Map<String, Object> DATABASE = TestDatabase.fresh("send");
    static final GreenMail GREEN_MAIL;
    static final WireMockServer TWILIO;
    static final Path DATA_DIR;

    static {
        GREEN_MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        GREEN_MAIL.start();
        TWILIO = new WireMockServer(options().dynamicPort());
        TWILIO.start();
        try {
            DATA_DIR = Files.createTempDirectory("remit-send-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GREEN_MAIL.stop();
            TWILIO.stop();
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        // a cached test context holds its idle connections until the JVM ends: keep few (PostgreSQL allows 100 in all)
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("remit.data-dir", DATA_DIR::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> GREEN_MAIL.getSmtp().getPort());
        registry.add("remit.sms.twilio.account-sid", () -> TWILIO_SID);
        registry.add("remit.sms.twilio.auth-token", () -> TWILIO_TOKEN);
        registry.add("remit.sms.twilio.from-number", () -> TWILIO_FROM);
        registry.add("remit.sms.twilio.base-url", TWILIO::baseUrl);
        // every tenant has Stripe connected (the seed's send enables autoPayment); no charge reaches a real Stripe
        registry.add("remit.secret-key", () -> dev.remit.payment.PaymentTestBase.SECRET_KEY);
        registry.add("remit.payments.stripe.api-base", () -> "http://127.0.0.1:9");
    }

    @LocalServerPort
    int port;

    @Autowired
    TenancyRepository tenancy;

    @Autowired
    TokenService tokens;

    @Autowired
    dev.remit.payment.StripeAccounts stripe;

    ApiClient api(Tenant tenant) {
        return new ApiClient("http://localhost:" + port, tenant.token());
    }

    Tenant newTenant() {
        return newTenant(Scopes.ALL);
    }

    Tenant newTenant(List<String> scopes) {
        Company company = tenancy.createCompany("Acme");
        Location location = tenancy.createLocation(company.id(), "Acme Plumbing", "US", "America/Chicago");
        User user = tenancy.createUser(company.id(), "Alex", "alex@acme.example", List.of(location.id()));
        String token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test", scopes).secret();
        stripe.configure(location.id(), dev.remit.payment.PaymentTestBase.TEST_KEY, "sk_live_" + "0".repeat(40),
                dev.remit.payment.PaymentTestBase.WEBHOOK_SECRET, "whsec_live" + "0".repeat(30));
        return new Tenant(company.id(), location.id(), user.id(), token);
    }

    /** A create-invoice body: one item of 1,250.00 USD, to the contact's email and phone. */
    static Map<String, Object> invoice(Tenant tenant, String email, String phone) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", "c6tZZU0rJBf30ZXx9Gli");
        contact.put("name", "Pat Customer");
        contact.put("phoneNo", phone == null ? "" : phone);
        contact.put("email", email);
        contact.put("address", Map.of("countryCode", "US"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "Water heater repair");
        item.put("currency", "USD");
        item.put("amount", 1250);
        item.put("qty", 1);
        item.put("taxes", new ArrayList<>());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Repair");
        body.put("businessDetails", Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993", "website", "www.example.com"));
        body.put("currency", "USD");
        body.put("items", List.of(item));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", contact);
        body.put("issueDate", "2026-11-24");
        body.put("dueDate", "2026-12-24");
        body.put("sentTo", Map.of("email", List.of(email)));
        body.put("liveMode", true);
        return body;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
