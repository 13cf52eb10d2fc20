package dev.remit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.remit.instance.DataFolder;

@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class RemitApplication {

    /** The server; the jar's main class, {@code launcher.RemitLauncher}, sends {@code admin ...} elsewhere. */
    public static void main(String[] args) {
        if (answered(args, System.out)) {
            return;
        }
        application().run(args);
    }

    /** {@code --version} and {@code --help}: answered without starting anything. */
    static boolean answered(String[] args, PrintStream out) {
        if (args.length != 1) {
            return false;
        }
        switch (args[0]) {
            case "--version", "-V" -> out.println("remit " + version());
            case "--help", "-h" -> out.print(HELP);
            default -> {
                return false;
            }
        }
        out.flush();
        return true;
    }

    private static final String HELP = """
            Usage: remit [--setting=value ...]    run the server (http://localhost:8080 by default)
                   remit admin COMMAND ...        manage companies, locations, users, tokens, settings, payments
                   remit --version | --help

            Settings come from the environment or --name=value arguments, e.g. SERVER_PORT=9090,
            REMIT_DATA_DIR=/var/lib/remit, SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/remit
            (with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD); every setting is in the
            README's Configuration table. `remit admin --help` lists the admin commands.
            """;

    /** The version of the jar (its manifest's Implementation-Version); outside a jar, "development build". */
    public static String version() {
        String version = RemitApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The server as `java -jar` and `mvn spring-boot:run` start it, with the embedded database as default. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(RemitApplication.class);
        app.addListeners(new EmbeddedDatabaseByDefault());
        return app;
    }

    public static Map<String, Object> embeddedDatabaseDefaults() {
        return embeddedDatabaseDefaults(Path.of(
                System.getenv().getOrDefault("REMIT_DATA_DIR", System.getProperty("remit.data-dir", "./data"))));
    }

    /**
     * H2 in PostgreSQL mode under the data folder. AUTO_SERVER lets the admin command line open the
     * same files while the server runs. No trace file: H2 would write failing statements into it,
     * with their values.
     */
    public static Map<String, Object> embeddedDatabaseDefaults(Path dataDir) {
        Path db = dataDir.toAbsolutePath().normalize().resolve("db").resolve("remit");
        return Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + db
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    /**
     * The embedded database in the data folder ({@code remit.data-dir}, however it is given) at the
     * lowest precedence, so SPRING_DATASOURCE_URL wins; when it is the one used, its folders are
     * made owner-only before H2 creates any file in them.
     */
    static final class EmbeddedDatabaseByDefault implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            Path dataDir = Path.of(environment.getProperty("remit.data-dir", "./data"));
            Map<String, Object> defaults = embeddedDatabaseDefaults(dataDir);
            environment.getPropertySources().addLast(new MapPropertySource("remit-embedded-database", defaults));
            if (defaults.get("spring.datasource.url").equals(environment.getProperty("spring.datasource.url"))) {
                try {
                    DataFolder.ownerOnlyDirectories(dataDir.resolve("db"));
                    DataFolder.tighten(dataDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the data folder " + dataDir.toAbsolutePath(), e);
                }
            }
        }
    }
}
