package dev.remit;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.remit.admin.AdminCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class RemitApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        application().run(args);
    }

    /** The server as `java -jar` and `mvn spring-boot:run` start it, with the embedded database as default. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(RemitApplication.class);
        app.setDefaultProperties(embeddedDatabaseDefaults());
        return app;
    }

    /**
     * H2 in PostgreSQL mode under the data folder; lowest precedence, so SPRING_DATASOURCE_URL wins.
     * AUTO_SERVER lets the admin command line open the same files while the server runs.
     */
    public static Map<String, Object> embeddedDatabaseDefaults() {
        String dataDir = System.getenv().getOrDefault("REMIT_DATA_DIR", System.getProperty("remit.data-dir", "./data"));
        Path db = Path.of(dataDir).toAbsolutePath().normalize().resolve("db").resolve("remit");
        return Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + db
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }
}
