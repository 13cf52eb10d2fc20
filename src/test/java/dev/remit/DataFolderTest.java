package dev.remit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/**
 * The server as `java -jar` starts it, on the embedded database in a data folder of its own: the
 * folder and everything in it (the database, bootstrap.json, the outbox) are its owner's only, and
 * H2 keeps no trace file (it would write failing statements there, with their values).
 */
class DataFolderTest {

    @TempDir
    Path parent;

    @Test
    void theDataFolderIsTheOwnersOnlyAndTheEmbeddedDatabaseWritesNoTraceFile() throws Exception {
        Path dataDir = parent.resolve("data");
        try (ConfigurableApplicationContext server = RemitApplication.application().run(
                "--remit.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off")) {
            Tenant tenant = Tenant.bootstrapped(dataDir);
            ApiClient api = new ApiClient("http://localhost:" + server.getEnvironment().getProperty("local.server.port"),
                    tenant.token());
            ApiResponse created = api.post("/invoices/", InvoiceBodies.create(tenant));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            ApiResponse sent = api.post("/invoices/" + created.json().path("_id").asString() + "/send",
                    InvoiceBodies.seedSend(tenant, "email", false));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(dataDir.resolve("outbox/email"))
                    && hasFiles(dataDir.resolve("outbox/email")));

            // a failing statement: H2 at its default trace level writes it into <db>.trace.db
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            assertThatThrownBy(() -> jdbc.sql("select no_such_column from invoice where name = ?")
                    .param("4242424242424242").query().listOfRows()).isInstanceOf(RuntimeException.class);

            List<Path> everything;
            try (Stream<Path> paths = Files.walk(dataDir)) {
                everything = paths.toList();
            }
            assertThat(everything).anyMatch(p -> p.getFileName().toString().endsWith(".mv.db"));
            assertThat(everything).noneMatch(p -> p.getFileName().toString().endsWith(".trace.db"));
            for (Path path : everything) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                        .as(dataDir.relativize(path).toString()).isEqualTo(expected);
            }
        }
    }

    private static boolean hasFiles(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".eml"));
        }
    }

    @Test
    void theEmbeddedDatabaseUrlTurnsTheTraceFileOff() {
        Map<String, Object> defaults = RemitApplication.embeddedDatabaseDefaults(Path.of("/srv/remit"));
        assertThat((String) defaults.get("spring.datasource.url")).startsWith("jdbc:h2:file:/srv/remit/db/remit;")
                .contains(";TRACE_LEVEL_FILE=0");
    }
}
