package dev.remit.tenancy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.instance.DataFolder;
import dev.remit.instance.InstanceProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * First start: on a database without any token, creates a demo company, location, user and a
 * private integration token, and writes them to {@code <data folder>/bootstrap.json} (owner-only).
 * The token's secret goes to that file, never to the log.
 */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final BootstrapProperties properties;
    private final InstanceProperties instance;
    private final TenancyRepository tenancy;
    private final TokenService tokens;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public Bootstrap(BootstrapProperties properties, InstanceProperties instance, TenancyRepository tenancy, TokenService tokens,
            TransactionTemplate transaction, ObjectMapper json) {
        this.properties = properties;
        this.instance = instance;
        this.tenancy = tenancy;
        this.tokens = tokens;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.enabled() || tenancy.anyTokenExists()) {
            return;
        }
        Map<String, String> created = transaction.execute(status -> {
            tenancy.lockForFirstStart();
            if (tenancy.anyTokenExists()) {
                return null; // another instance was first
            }
            Company company = tenancy.createCompany("Demo Company");
            Location location = tenancy.createLocation(company.id(), "Demo Location", "US", "America/Chicago");
            User user = tenancy.createUser(company.id(), "Demo User", "demo@example.com", List.of(location.id()));
            IssuedToken token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(),
                    "bootstrap", Scopes.ALL);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("companyId", company.id());
            values.put("locationId", location.id());
            values.put("userId", user.id());
            values.put("token", token.secret());
            return values;
        });
        if (created == null) {
            return;
        }
        Path file = write(created);
        log.info("First start: created a demo company, location, user and API token; they are in {} (owner-only).",
                file);
        log.info("Try it:  curl -s -H \"Authorization: Bearer $(jq -r .token {})\" -H 'Version: 2021-07-28' "
                + "'{}/invoices/?altId={}&altType=location&limit=10&offset=0'", file, instance.publicBaseUrl(),
                created.get("locationId"));
    }

    private Path write(Map<String, String> values) throws IOException {
        Path dir = instance.dataDir().toAbsolutePath().normalize();
        DataFolder.ownerOnlyDirectories(dir);
        Path file = dir.resolve("bootstrap.json");
        Files.deleteIfExists(file);
        DataFolder.ownerOnlyFile(file);
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(values));
        return file;
    }
}
