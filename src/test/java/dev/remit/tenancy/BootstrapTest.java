package dev.remit.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.RemitApplication;
import dev.remit.instance.InstanceProperties;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/** First start on an empty database: a demo tenant and a token in an owner-only bootstrap.json, once. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTest {

    @TempDir
    Path dataDir;

    static ConfigurableApplicationContext start(Map<String, Object> database, Path dataDir, boolean bootstrap) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("remit.data-dir", dataDir.toString());
        properties.put("remit.bootstrap.enabled", Boolean.toString(bootstrap));
        properties.put("db-scheduler.enabled", "false");
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(RemitApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void anEmptyDatabaseGetsADemoTenantAndATokenThatWorksOnce(CapturedOutput output) throws Exception {
        Map<String, Object> database = TestDatabase.fresh("bootstrap");
        Path file = dataDir.resolve("bootstrap.json");
        String token;
        try (ConfigurableApplicationContext server = start(database, dataDir, true)) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            JsonNode created = ApiClient.tree(Files.readString(file));
            List<String> names = new ArrayList<>();
            created.propertyNames().forEach(names::add);
            assertThat(names).containsExactly("companyId", "locationId", "userId", "token");
            token = created.path("token").asString();
            String companyId = created.path("companyId").asString();
            String locationId = created.path("locationId").asString();
            String userId = created.path("userId").asString();
            assertThat(List.of(companyId, locationId, userId)).allMatch(Ids::isValid);
            assertThat(token).hasSizeGreaterThan(40);

            TenancyRepository tenancy = server.getBean(TenancyRepository.class);
            assertThat(tenancy.findLocation(locationId)).hasValueSatisfying(l -> assertThat(l.companyId()).isEqualTo(companyId));
            assertThat(tenancy.userHasLocation(userId, locationId)).isTrue();
            List<ApiToken> tokens = server.getBean(TokenService.class).list();
            assertThat(tokens).singleElement().satisfies(t -> {
                assertThat(t.kind()).isEqualTo(TokenKind.PRIVATE_INTEGRATION);
                assertThat(t.locationId()).isEqualTo(locationId);
                assertThat(t.scopes()).containsExactlyInAnyOrderElementsOf(Scopes.ALL);
            });

            // the token works against the API, as the logged curl command uses it
            String baseUrl = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
            ApiResponse settings = new ApiClient(baseUrl, token)
                    .get("/invoices/settings?altId=" + locationId + "&altType=location");
            assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
            ApiResponse list = new ApiClient(baseUrl, token)
                    .get("/invoices/?altId=" + locationId + "&altType=location&limit=10&offset=0");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);

            // the log says where the file is and how to use it, and never shows the token
            assertThat(output.getAll()).contains(file.toAbsolutePath().toString()).contains("curl -s -H")
                    .contains("altId=" + locationId).doesNotContain(token);
        }

        // a second start on the same database does nothing of the kind
        Files.delete(file);
        try (ConfigurableApplicationContext again = start(database, dataDir, true)) {
            assertThat(file).doesNotExist();
            assertThat(again.getBean(TokenService.class).list()).hasSize(1);
            assertThat(again.getBean(TenancyRepository.class).companies()).hasSize(1);
        }
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void twoInstancesStartingTogetherOnAnEmptyDatabaseBootstrapItOnce(@TempDir Path otherDataDir) throws Exception {
        Map<String, Object> database = TestDatabase.fresh("bootstrap_race");
        try (ConfigurableApplicationContext context = start(database, dataDir, false)) {
            java.util.List<Bootstrap> instances = new ArrayList<>();
            for (Path dir : List.of(dataDir, otherDataDir)) {
                instances.add(new Bootstrap(new BootstrapProperties(true), new InstanceProperties(dir, "http://localhost:1"),
                        context.getBean(TenancyRepository.class),
                        context.getBean(TokenService.class),
                        context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
                        context.getBean(tools.jackson.databind.ObjectMapper.class)));
            }
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
                for (Bootstrap instance : instances) {
                    runs.add(pool.submit(() -> {
                        together.await();
                        instance.run(null);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(context.getBean(TokenService.class).list()).hasSize(1);
            assertThat(context.getBean(TenancyRepository.class).companies()).hasSize(1);
            assertThat(List.of(dataDir.resolve("bootstrap.json"), otherDataDir.resolve("bootstrap.json")))
                    .filteredOn(Files::exists).hasSize(1);
        }
    }

    @Test
    void anyExistingTokenMeansNoBootstrap() {
        Map<String, Object> database = TestDatabase.fresh("bootstrap_existing");
        try (ConfigurableApplicationContext quiet = start(database, dataDir, false)) {
            assertThat(dataDir.resolve("bootstrap.json")).doesNotExist();
            TenancyRepository tenancy = quiet.getBean(TenancyRepository.class);
            Company company = tenancy.createCompany("Existing");
            Location location = tenancy.createLocation(company.id(), "Shop", "US", "UTC");
            quiet.getBean(TokenService.class).issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "mine",
                    List.of(Scopes.INVOICES_READONLY));
        }
        try (ConfigurableApplicationContext server = start(database, dataDir, true)) {
            assertThat(dataDir.resolve("bootstrap.json")).doesNotExist();
            assertThat(server.getBean(TenancyRepository.class).companies()).extracting(Company::name)
                    .containsExactly("Existing");
        }
    }
}
