package dev.remit;

import java.sql.SQLException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A start that fails because the database cannot be reached: one line that says which database, what
 * it answered and what to do, instead of Spring's report with a stack trace of every bean on the way.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseConnectionFailure implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnectionFailure.class);

    private final ConfigurableApplicationContext context;

    public DatabaseConnectionFailure(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        Optional<String> line = describe(failure, context.getEnvironment());
        line.ifPresent(log::error);
        return line.isPresent();
    }

    public static Optional<String> describe(Throwable failure, Environment environment) {
        return describe(failure, environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"));
    }

    /** The line for {@code failure}, or empty when it is not a failed connection. */
    public static Optional<String> describe(Throwable failure, String url, String username) {
        SQLException refused = null;
        boolean connecting = false;
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            connecting |= cause instanceof CannotGetJdbcConnectionException;
            if (cause instanceof SQLException sql && refused == null) {
                refused = sql;
            }
        }
        String state = refused == null || refused.getSQLState() == null ? "" : refused.getSQLState();
        if (refused == null || !(connecting || state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"))) {
            return Optional.empty();
        }
        String answer = firstLine(refused.getMessage());
        String role = username == null || username.isBlank() ? "remit" : username;
        String fix;
        if (state.startsWith("28") && answer.contains("does not exist")) {
            fix = "create the role (sudo -u postgres createuser --pwprompt " + role
                    + ") or set SPRING_DATASOURCE_USERNAME to one that exists";
        } else if (state.startsWith("28")) {
            fix = "set SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD to the role's name and password";
        } else if (state.startsWith("3D")) {
            fix = "create the database (sudo -u postgres createdb -O " + role + " " + databaseName(url)
                    + ") or set SPRING_DATASOURCE_URL to one that exists";
        } else if (state.startsWith("08")) {
            fix = "start the database server, or set SPRING_DATASOURCE_URL to where it runs";
        } else {
            fix = "check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD";
        }
        return Optional.of("remit cannot connect to its database " + url + " as " + role + ": " + answer
                + (answer.endsWith(".") ? "" : ".") + " To fix: " + fix + ".");
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no answer";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        int sentence = line.indexOf(". ");
        return sentence > 0 ? line.substring(0, sentence + 1) : line;
    }

    private static String databaseName(String url) {
        String path = url == null ? "" : url.replaceFirst("\\?.*", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() || name.contains(":") ? "remit" : name;
    }
}
