package dev.remit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import picocli.CommandLine;

/**
 * The admin command line against the database of a running server: what it creates works over
 * HTTP at once, what it revokes stops working at once, and secrets are shown only when issued.
 */
class AdminCommandTest extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext server;

    record Run(int exitCode, String out, String err) {
    }

    /** Runs a command inside the server's own context. */
    Run admin(String... args) {
        return run(server, args);
    }

    static Run run(ConfigurableApplicationContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), context, args);
        return new Run(code, out.toString(), err.toString());
    }

    static String field(String output, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)").matcher(output);
        assertThat(matcher.find()).as("%s in %s", name, output).isTrue();
        return matcher.group(1);
    }

    private static String ok(Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().trim();
    }

    @Test
    void createsCompaniesLocationsUsersAndTokensThatWorkAtOnceAndRevokesThem() {
        String companyId = ok(admin("company", "create", "--name", "Admin Agency"));
        assertThat(companyId).matches("[0-9a-f]{24}");
        String locationId = ok(admin("location", "create", "--company", companyId, "--name", "Berlin shop",
                "--country", "DE", "--time-zone", "Europe/Berlin"));
        String userId = ok(admin("user", "create", "--company", companyId, "--name", "Uma", "--email", "uma@example.com",
                "--location", locationId));
        assertThat(ok(admin("company", "list"))).contains(companyId + "  Admin Agency");
        assertThat(ok(admin("location", "list", "--company", companyId))).contains(locationId, "DE", "Europe/Berlin");
        assertThat(ok(admin("user", "list", "--company", companyId))).contains(userId, "uma@example.com", locationId);

        // a read-only private integration token
        String issued = ok(admin("token", "create", "--company", companyId, "--location", locationId,
                "--scope", "invoices.readonly", "--label", "reporting"));
        String tokenId = field(issued, "id");
        String secret = field(issued, "token");
        assertThat(field(issued, "scopes")).isEqualTo("invoices.readonly");
        ApiClient api = new ApiClient(baseUrl(), secret);
        String settings = "/invoices/settings?altId=" + locationId + "&altType=location";
        assertThat(api.get(settings).status()).isEqualTo(200);
        ApiResponse write = api.post("/invoices/", Map.of("altId", locationId, "altType", "location"));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.messages()).containsExactly("The token is not authorized for this scope.");

        // an agency token covers the company's locations
        String agency = field(ok(admin("token", "create", "--kind", "agency", "--company", companyId)), "token");
        assertThat(new ApiClient(baseUrl(), agency).get(settings).status()).isEqualTo(200);
        String other = newTenant().locationId();
        assertThat(new ApiClient(baseUrl(), agency).get("/invoices/settings?altId=" + other + "&altType=location")
                .status()).isEqualTo(403);

        // a location access token
        String lat = field(ok(admin("token", "create", "--kind", "location-access", "--company", companyId,
                "--location", locationId, "--scope", "invoices.readonly", "--scope", "invoices.write")), "token");
        assertThat(new ApiClient(baseUrl(), lat).get(settings).status()).isEqualTo(200);

        // listing shows what each token is, never a secret
        String listed = ok(admin("token", "list"));
        assertThat(listed).contains(tokenId, "private-integration", "agency", "location-access", "reporting",
                "company=" + companyId, "location=" + locationId, "active");
        assertThat(listed).doesNotContain(secret, agency, lat);

        // revoking stops the token at once, and only that one
        assertThat(ok(admin("token", "revoke", tokenId))).isEqualTo("revoked " + tokenId);
        ApiResponse revoked = api.get(settings);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.messages()).containsExactly("Invalid token: access token is invalid");
        assertThat(new ApiClient(baseUrl(), agency).get(settings).status()).isEqualTo(200);
        assertThat(ok(admin("token", "list"))).contains(tokenId + "  private-integration").contains("revoked ");
        Run again = admin("token", "revoke", tokenId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("no active token " + tokenId);
    }

    @Test
    void refusesWhatCannotBeRight() {
        String companyId = ok(admin("company", "create", "--name", "Careful"));
        String locationId = ok(admin("location", "create", "--company", companyId, "--name", "Shop"));
        String elsewhere = newTenant().locationId();
        for (String[] args : List.of(
                new String[] {"location", "create", "--company", "0123456789abcdef01234567", "--name", "x"},
                new String[] {"location", "create", "--company", companyId, "--name", "x", "--country", "XX"},
                new String[] {"location", "create", "--company", companyId, "--name", "x", "--time-zone", "Mars/Base"},
                new String[] {"user", "create", "--company", companyId, "--name", "x", "--location", elsewhere},
                new String[] {"token", "create", "--company", companyId, "--location", locationId, "--scope", "everything"},
                new String[] {"token", "create", "--company", companyId},
                new String[] {"token", "create", "--kind", "agency", "--company", companyId, "--location", locationId},
                new String[] {"token", "create", "--kind", "root", "--company", companyId, "--location", locationId},
                new String[] {"token", "create", "--company", companyId, "--location", elsewhere},
                new String[] {"token", "create", "--kind", "agency", "--company", "0123456789abcdef01234567"})) {
            Run run = admin(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + " -> " + run).isNotZero();
            assertThat(run.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("Exception", "SQL", "\tat ");
            assertThat(run.out()).doesNotContain("token:");
        }
    }

    @Test
    void aSeparateAdminProcessWorksOnTheRunningServersDatabase() {
        // what `java -jar remit.jar admin ...` does: its own Spring context on the same database
        var environment = server.getEnvironment();
        Map<String, String> database = Map.of(
                "spring.datasource.url", environment.getProperty("spring.datasource.url"),
                "spring.datasource.username", environment.getProperty("spring.datasource.username"),
                "spring.datasource.password", environment.getProperty("spring.datasource.password", ""));
        database.forEach(System::setProperty);
        try {
            String companyId = run(null, "company", "create", "--name", "From outside").out().trim();
            String locationId = run(null, "location", "create", "--company", companyId, "--name", "Shop").out().trim();
            Run issued = run(null, "token", "create", "--company", companyId, "--location", locationId);
            assertThat(issued.exitCode()).as(issued.toString()).isZero();
            String secret = field(issued.out(), "token");
            String settings = "/invoices/settings?altId=" + locationId + "&altType=location";
            assertThat(new ApiClient(baseUrl(), secret).get(settings).status()).isEqualTo(200);
            assertThat(run(null, "token", "revoke", field(issued.out(), "id")).exitCode()).isZero();
            assertThat(new ApiClient(baseUrl(), secret).get(settings).status()).isEqualTo(401);
        } finally {
            database.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void theServerKeepsItsPoolAndTheAdminContextStaysOutOfIt() {
        assertThat(server.getBeansOfType(AdminContext.class)).isEmpty();
        assertThat(server.getBeansOfType(javax.sql.DataSource.class).values())
                .noneMatch(org.springframework.jdbc.datasource.SingleConnectionDataSource.class::isInstance);
    }

    /** Every command path: [], [company], [company, create], ... */
    static List<List<String>> commandPaths(CommandLine line, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(prefix);
        line.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }

    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<List<String>> paths = commandPaths(new CommandLine(new AdminCommand()), List.of());
        assertThat(paths).hasSizeGreaterThan(15).contains(List.of("token", "create"), List.of("settings"),
                List.of("settings", "set"), List.of("payments", "stripe"));
        for (List<String> path : paths) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(help);
                Run run = run(null, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(args + " -> " + run).isZero();
                assertThat(run.out()).as(args.toString()).startsWith("Usage: remit admin" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
                assertThat(run.err()).as(args.toString()).isEmpty();
            }
        }
    }

    @Test
    void aFailingCommandPrintsOneLineAndNoUsage() {
        String companyId = ok(admin("company", "create", "--name", "One line"));
        String locationId = ok(admin("location", "create", "--company", companyId, "--name", "Shop"));
        for (String[] args : List.of(
                new String[] {"token", "create"},
                new String[] {"token", "create", "--company"},
                new String[] {"settings", "--frobnicate"},
                new String[] {"frobnicate"},
                new String[] {"company"},
                new String[] {"settings"},
                new String[] {"token", "revoke"},
                new String[] {"token", "revoke", "0123456789abcdef01234567"},
                new String[] {"location", "create", "--company", "0123456789abcdef01234567", "--name", "x"},
                new String[] {"settings", "set", "--location", locationId, "--due-after-days", "soon"},
                new String[] {"settings", "set", "--location", locationId, "--title", "x".repeat(41), "--prefix", "x".repeat(11)},
                new String[] {"payments", "stripe", "--location", locationId, "--test-secret-key", "pk_test_1"})) {
            Run run = admin(args);
            String what = String.join(" ", args) + " -> " + run;
            assertThat(run.exitCode()).as(what).isNotZero();
            assertThat(run.err()).as(what).startsWith("error: ").endsWith("\n").doesNotContain("Usage", "Exception", "\tat ");
            assertThat(run.err().strip()).as(what).doesNotContain("\n");
            assertThat(run.out()).as(what).isEmpty();
        }
    }

    @Test
    void aDatabaseItCannotReachIsOneLineThatSaysWhatToCheck() {
        System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/remit");
        System.setProperty("spring.datasource.username", "remit");
        try {
            Run run = run(null, "company", "list");
            assertThat(run.exitCode()).as(run.toString()).isNotZero();
            assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n", "Exception", "\tat ")
                    .startsWith("error: ").contains("jdbc:postgresql://127.0.0.1:1/remit", "SPRING_DATASOURCE_URL");
        } finally {
            System.clearProperty("spring.datasource.url");
            System.clearProperty("spring.datasource.username");
        }
    }
}
