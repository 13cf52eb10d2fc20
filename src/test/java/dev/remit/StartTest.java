package dev.remit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import dev.remit.support.TestDatabase;

/** What `java -jar remit.jar` does before it serves: answer --version and --help, or say why it cannot start. */
@ExtendWith(OutputCaptureExtension.class)
class StartTest {

    @TempDir
    Path dataDir;

    private static String answer(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(RemitApplication.answered(args, new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .as(String.join(" ", args)).isTrue();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionAndHelpAnswerWithoutStartingTheServer() {
        assertThat(answer("--version")).startsWith("remit ").endsWith("\n").hasLineCount(1);
        assertThat(answer("-V")).isEqualTo(answer("--version"));
        assertThat(answer("--help")).startsWith("Usage: remit").contains("remit admin", "SPRING_DATASOURCE_URL", "--version");
        assertThat(answer("-h")).isEqualTo(answer("--help"));
        ByteArrayOutputStream nothing = new ByteArrayOutputStream();
        assertThat(RemitApplication.answered(new String[] {"--server.port=0"}, new PrintStream(nothing))).isFalse();
        assertThat(RemitApplication.answered(new String[] {}, new PrintStream(nothing))).isFalse();
        assertThat(nothing.size()).isZero();
    }

    @Test
    void aDatabaseItCannotReachIsOneLineThatSaysWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> RemitApplication.application().run(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/remit", "--spring.datasource.username=remit",
                "--server.port=0", "--remit.data-dir=" + dataDir, "--db-scheduler.enabled=false"))
                .isInstanceOf(RuntimeException.class);
        String log = output.getAll();
        assertThat(log).doesNotContain("\tat ", "Application run failed", "Exception encountered", "condition evaluation report");
        // the application's own log lines; logback's status lines ("|-WARN in ...") are about other
        // contexts of this test JVM being stopped while this one reconfigures logging
        assertThat(log.lines().filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")))
                .singleElement().asString()
                .contains("remit cannot connect to its database jdbc:postgresql://127.0.0.1:1/remit as remit",
                        "refused", "SPRING_DATASOURCE_URL");
    }

    @Test
    void aMissingRoleOrDatabaseIsNamedWithTheCommandThatCreatesIt() {
        var role = new java.sql.SQLException("FATAL: role \"remit\" does not exist", "28000");
        assertThat(DatabaseConnectionFailure.describe(new IllegalStateException(role),
                "jdbc:postgresql://127.0.0.1:5432/remit", "remit")).hasValueSatisfying(line -> assertThat(line)
                .contains("role \"remit\" does not exist", "sudo -u postgres createuser --pwprompt remit")
                .doesNotContain("\n"));
        var database = new java.sql.SQLException("FATAL: database \"books\" does not exist", "3D000");
        assertThat(DatabaseConnectionFailure.describe(database, "jdbc:postgresql://db:5432/books?ssl=true", "acme"))
                .hasValueSatisfying(line -> assertThat(line).contains("sudo -u postgres createdb -O acme books"));
        var password = new java.sql.SQLException("FATAL: password authentication failed for user \"remit\"", "28P01");
        assertThat(DatabaseConnectionFailure.describe(password, "jdbc:postgresql://db/remit", "remit"))
                .hasValueSatisfying(line -> assertThat(line).contains("SPRING_DATASOURCE_PASSWORD"));
        assertThat(DatabaseConnectionFailure.describe(new java.sql.SQLException("syntax error", "42601"),
                "jdbc:postgresql://db/remit", "remit")).isEmpty();
        assertThat(DatabaseConnectionFailure.describe(new IllegalStateException("no"), "jdbc:h2:mem:x", "sa")).isEmpty();
    }

    @Test
    void aFirstStartAndAFirstPdfLogNoWarningANewUserCannotActOn(CapturedOutput output) throws Exception {
        List<String> args = new ArrayList<>();
        TestDatabase.fresh("quiet").forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of("--server.port=0", "--remit.data-dir=" + dataDir));
        try (ConfigurableApplicationContext server = RemitApplication.application().run(args.toArray(String[]::new))) {
            Tenant tenant = Tenant.bootstrapped(dataDir);
            ApiClient api = new ApiClient("http://localhost:" + server.getEnvironment().getProperty("local.server.port"),
                    tenant.token());
            ApiResponse invoice = api.post("/invoices/", InvoiceBodies.create(tenant));
            assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
            ApiResponse pdf = api.extension().get("/invoices/" + invoice.json().path("_id").asString() + "/pdf" + InvoiceBodies.q(tenant));
            assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        }
        // on PostgreSQL the suite's contexts share one database, so all but the first find pg_trgm installed
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains("WARNING")
                || line.contains(" ERROR ")).filter(line -> !line.contains("extension \"pg_trgm\" already exists"))
                .toList()).isEmpty();
        assertThat(output.getAll()).doesNotContain("com.openhtmltopdf", "Prepare to fly");
    }
}
