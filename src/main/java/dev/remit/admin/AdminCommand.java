package dev.remit.admin;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.DatabaseConnectionFailure;
import dev.remit.RemitApplication;
import dev.remit.tenancy.ApiToken;
import dev.remit.tenancy.Company;
import dev.remit.tenancy.IssuedToken;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;
import dev.remit.tenancy.User;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code java -jar remit.jar admin ...}: companies, locations, users and tokens, a location's invoice
 * settings and payment providers, against the same
 * database as the server (which may be running: the embedded H2 is opened in auto-server mode).
 */
@Command(name = "remit admin", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Manage remit's companies, locations, users and API tokens.",
        subcommands = {AdminCommand.CompanyCommands.class, AdminCommand.LocationCommands.class,
                AdminCommand.UserCommands.class, AdminCommand.TokenCommands.class, InvoiceSettingsCommands.class,
                PaymentCommands.class, WebhookCommands.class})
public class AdminCommand {

    ConfigurableApplicationContext context;

    /**
     * The command line's entry: results on stdout (so that {@code ID=$(remit admin company create ...)}
     * works), everything else on stderr.
     */
    public static int run(String... args) {
        // Spring Boot would warm Jackson, validation and HTTP converters in a thread of their own: for a
        // command that exits in a second, that is only work taken from the main thread.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        PrintWriter out = new PrintWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return run(out, new PrintWriter(System.err, true), null, args);
        } finally {
            out.flush();
            System.setOut(stdout);
        }
    }

    /**
     * Runs one command; with a context given (tests) it is used instead of starting one. A failure is one
     * line on stderr ("error: ..."): no usage, no stack trace, no SQL.
     */
    public static int run(PrintWriter out, PrintWriter err, ConfigurableApplicationContext given, String... args) {
        AdminCommand root = new AdminCommand();
        CommandLine line = new CommandLine(root);
        line.setOut(out).setErr(err);
        line.setParameterExceptionHandler((invalid, arguments) -> {
            CommandLine command = invalid.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            String message = invalid.getMessage().strip().replace('\n', ' ');
            if (message.startsWith("Missing required subcommand")) {
                message = name + " needs one of: " + String.join(", ", command.getSubcommands().keySet());
            }
            boolean parsing = invalid.getArgSpec() != null || invalid.getClass() != CommandLine.ParameterException.class
                    || !message.equals(invalid.getMessage());
            command.getErr().println("error: " + message + (parsing ? " (see " + name + " --help)" : ""));
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("error: " + root.describe(failure));
            return 1;
        });
        root.context = given;
        try {
            return line.execute(args);
        } finally {
            if (given == null && root.context != null) {
                root.context.close();
            }
        }
    }

    private String describe(Throwable failure) {
        if (failure instanceof IllegalArgumentException || failure instanceof AdminContext.Unavailable) {
            return failure.getMessage();
        }
        Optional<String> database = context == null ? Optional.empty()
                : DatabaseConnectionFailure.describe(failure, context.getEnvironment());
        if (database.isPresent()) {
            return database.get();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "the command failed: " + message.strip().lines().findFirst().orElse("");
    }

    /** A bean of the admin context (started on first use); for command groups other capabilities add. */
    public <T> T bean(Class<T> type) {
        if (context == null) {
            context = AdminContext.start();
        }
        return context.getBean(type);
    }

    /** {@code --version}: the jar's version. */
    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"remit " + RemitApplication.version()};
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        Object parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        AdminCommand root() {
            return (AdminCommand) spec.root().userObject();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        <T> T bean(Class<T> type) {
            return root().bean(type);
        }
    }

    @Command(name = "company", description = "Companies (agencies).",
            subcommands = {CompanyCommands.Create.class, CompanyCommands.ListAll.class})
    static class CompanyCommands {
        @ParentCommand
        AdminCommand parent;

        @Command(name = "create", description = "Create a company; prints its id.")
        static class Create extends Sub {
            @Option(names = "--name", required = true)
            String name;

            @Override
            public Integer call() {
                out().println(bean(TenancyRepository.class).createCompany(name).id());
                return 0;
            }
        }

        @Command(name = "list", description = "List companies.")
        static class ListAll extends Sub {
            @Override
            public Integer call() {
                for (Company company : bean(TenancyRepository.class).companies()) {
                    out().printf("%s  %s%n", company.id(), company.name());
                }
                return 0;
            }
        }
    }

    @Command(name = "location", description = "Locations (sub-accounts).",
            subcommands = {LocationCommands.Create.class, LocationCommands.ListAll.class})
    static class LocationCommands {
        @ParentCommand
        AdminCommand parent;

        @Command(name = "create", description = "Create a location in a company; prints its id.")
        static class Create extends Sub {
            @Option(names = "--company", required = true)
            String companyId;

            @Option(names = "--name", required = true)
            String name;

            @Option(names = "--country", defaultValue = "US", description = "ISO 3166 country (default region for phone numbers)")
            String country;

            @Option(names = "--time-zone", defaultValue = "UTC", description = "IANA time zone, e.g. America/Chicago")
            String timeZone;

            @Override
            public Integer call() {
                TenancyRepository tenancy = bean(TenancyRepository.class);
                if (tenancy.findCompany(companyId).isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no company " + companyId);
                }
                if (!java.util.Arrays.asList(java.util.Locale.getISOCountries()).contains(country)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown country " + country);
                }
                try {
                    java.time.ZoneId.of(timeZone);
                } catch (java.time.DateTimeException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown time zone " + timeZone);
                }
                out().println(tenancy.createLocation(companyId, name, country, timeZone).id());
                return 0;
            }
        }

        @Command(name = "list", description = "List a company's locations.")
        static class ListAll extends Sub {
            @Option(names = "--company", required = true)
            String companyId;

            @Override
            public Integer call() {
                for (Location location : bean(TenancyRepository.class).locations(companyId)) {
                    out().printf("%s  %s  %s  %s%n", location.id(), location.country(), location.timeZone(), location.name());
                }
                return 0;
            }
        }
    }

    @Command(name = "user", description = "Users, each with access to some locations.",
            subcommands = {UserCommands.Create.class, UserCommands.ListAll.class})
    static class UserCommands {
        @ParentCommand
        AdminCommand parent;

        @Command(name = "create", description = "Create a user; prints its id.")
        static class Create extends Sub {
            @Option(names = "--company", required = true)
            String companyId;

            @Option(names = "--name", required = true)
            String name;

            @Option(names = "--email")
            String email;

            @Option(names = "--location", description = "a location the user may act for (repeat for more)")
            List<String> locations = new java.util.ArrayList<>();

            @Override
            public Integer call() {
                TenancyRepository tenancy = bean(TenancyRepository.class);
                for (String locationId : locations) {
                    Location location = tenancy.findLocation(locationId).orElseThrow(() ->
                            new CommandLine.ParameterException(spec.commandLine(), "no location " + locationId));
                    if (!location.companyId().equals(companyId)) {
                        throw new CommandLine.ParameterException(spec.commandLine(),
                                "location " + locationId + " is not in company " + companyId);
                    }
                }
                out().println(tenancy.createUser(companyId, name, email, locations).id());
                return 0;
            }
        }

        @Command(name = "list", description = "List a company's users.")
        static class ListAll extends Sub {
            @Option(names = "--company", required = true)
            String companyId;

            @Override
            public Integer call() {
                for (User user : bean(TenancyRepository.class).users(companyId)) {
                    out().printf("%s  %s  %s  locations=%s%n", user.id(), user.name(),
                            user.email() == null ? "-" : user.email(), String.join(",", user.locationIds()));
                }
                return 0;
            }
        }
    }

    @Command(name = "token", description = "API tokens.",
            subcommands = {TokenCommands.Create.class, TokenCommands.ListAll.class, TokenCommands.Revoke.class})
    static class TokenCommands {
        @ParentCommand
        AdminCommand parent;

        @Command(name = "create", description = "Issue a token; prints its id and, this once, its secret.")
        static class Create extends Sub {
            @Option(names = "--kind", defaultValue = "private-integration",
                    description = "private-integration, location-access or agency (default ${DEFAULT-VALUE})")
            String kind;

            @Option(names = "--company", required = true)
            String companyId;

            @Option(names = "--location", description = "the token's location (not for agency tokens)")
            String locationId;

            @Option(names = "--scope", description = "a scope (repeat for more; default: all invoice scopes)")
            List<String> scopes = new java.util.ArrayList<>();

            @Option(names = "--label", defaultValue = "admin")
            String label;

            @Override
            public Integer call() {
                TokenKind tokenKind = TokenKind.fromLabel(kind).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "--kind must be private-integration, location-access or agency"));
                try {
                    IssuedToken issued = bean(TokenService.class).issue(tokenKind, companyId, locationId, label,
                            scopes.isEmpty() ? Scopes.ALL : scopes);
                    out().println("id:     " + issued.token().id());
                    out().println("token:  " + issued.secret());
                    out().println("scopes: " + String.join(" ", issued.token().scopes()));
                    out().println("The token is shown only now; remit keeps only its hash.");
                    return 0;
                } catch (IllegalArgumentException invalid) {
                    throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage());
                }
            }
        }

        @Command(name = "list", description = "List tokens (never their secrets).")
        static class ListAll extends Sub {
            @Override
            public Integer call() {
                for (ApiToken token : bean(TokenService.class).list()) {
                    out().printf("%s  %-19s  company=%s  location=%s  %s  %s  [%s]%n", token.id(), token.kind().label(),
                            token.companyId(), token.locationId() == null ? "-" : token.locationId(),
                            token.isRevoked() ? "revoked " + token.revokedAt() : "active",
                            token.label(), String.join(" ", token.scopes()));
                }
                return 0;
            }
        }

        @Command(name = "revoke", description = "Revoke a token; it stops working at once.")
        static class Revoke extends Sub {
            @Parameters(paramLabel = "TOKEN_ID")
            String tokenId;

            @Override
            public Integer call() {
                if (!bean(TokenService.class).revoke(tokenId)) {
                    spec.commandLine().getErr().println("error: no active token " + tokenId);
                    return 1;
                }
                out().println("revoked " + tokenId);
                return 0;
            }
        }
    }
}
