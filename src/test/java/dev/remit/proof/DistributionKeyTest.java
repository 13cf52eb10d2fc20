package dev.remit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.remit.invoice.InvoiceService;
import dev.remit.proof.Operations.Operation;
import dev.remit.proof.Operations.Target;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

/**
 * What running past one database on Citus with {@code location_id} as the distribution column needs
 * (docs/scaling.md): every table has {@code location_id} but the documented reference and local
 * tables, and every statement remit runs on a distributed table while serving each operation of
 * {@link Operations#ALL} names its distribution column, so it can go to one shard. The statements
 * that cannot (they start from something other than a location) are listed here with their reason,
 * as docs/scaling.md lists them; a new one fails this test until it is routed or listed.
 */
@Import(DistributionKeyTest.StatementLog.class)
class DistributionKeyTest extends ApiTestBase {

    /** Replicated to every node: small, read by every request, or looked up by something other than a location. */
    static final Set<String> REFERENCE = Set.of("company", "location", "app_user", "user_location", "api_token");
    /** On the coordinator only: db-scheduler polls it across locations. */
    static final Set<String> LOCAL = Set.of("scheduled_tasks", "event_publication", "flyway_schema_history");
    /** Distributed by a column of another name that holds the location (or, for agency budgets, the company). */
    static final Map<String, String> OTHER_KEY = Map.of("rate_limit_window", "resource_id");
    /** Statements that start from something other than the location, and go to every shard (docs/scaling.md). */
    static final List<String> ALL_SHARDS = List.of(
            // the hosted pages know only the invoice's or the estimate's public token
            "where i.public_token = ?", "where e.public_token = ?");

    static final Pattern CREATE_TABLE = Pattern.compile("create table (?:if not exists )?(\\w+)\\s*\\((.*?)\\n\\);",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final Pattern DROP_TABLE = Pattern.compile("drop table (?:if exists )?(\\w+)", Pattern.CASE_INSENSITIVE);
    static final Pattern TABLE_REFERENCE = Pattern.compile("\\b(?:from|join|update|into)\\s+(\\w+)");

    static final ConcurrentLinkedQueue<String> STATEMENTS = new ConcurrentLinkedQueue<>();

    @org.springframework.beans.factory.annotation.Autowired
    InvoiceService invoices;

    /** Every table of the migrations that is still there, with whether it has a location_id column. */
    static Map<String, Boolean> tables() throws IOException {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        List<String> dropped = new java.util.ArrayList<>();
        for (String dir : List.of("src/main/resources/db/migration", "src/main/resources/db/vendor")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    String sql = Files.readString(file);
                    Matcher m = CREATE_TABLE.matcher(sql);
                    while (m.find()) {
                        tables.merge(m.group(1).toLowerCase(Locale.ROOT), m.group(2).contains("location_id"), Boolean::logicalOr);
                    }
                    Matcher drop = DROP_TABLE.matcher(sql);
                    while (drop.find()) {
                        dropped.add(drop.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        dropped.forEach(tables::remove);
        return tables;
    }

    @Test
    void everyTableHasLocationIdButTheDocumentedReferenceAndLocalTables() throws IOException {
        Map<String, Boolean> tables = tables();
        assertThat(tables).containsKeys("invoice", "delivery", "company");
        List<String> without = tables.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .filter(t -> !REFERENCE.contains(t) && !LOCAL.contains(t) && !OTHER_KEY.containsKey(t)).toList();
        assertThat(without).as("tables without location_id that docs/scaling.md does not name as reference or local")
                .isEmpty();
        String scaling = Files.readString(Path.of("docs/scaling.md"));
        for (String table : tables.keySet()) {
            assertThat(scaling).as("docs/scaling.md places table %s", table).contains("`" + table + "`");
        }
    }

    @Test
    void everyStatementOnADistributedTableNamesItsLocation() throws Exception {
        Set<String> distributed = new LinkedHashSet<>();
        tables().keySet().stream().filter(t -> !REFERENCE.contains(t) && !LOCAL.contains(t)).forEach(distributed::add);

        Tenant tenant = newTenant();
        Target draft = target(tenant, false);
        Target sent = target(tenant, true);
        STATEMENTS.clear();
        for (Operation op : Operations.ALL) {
            // a destructive call gets resources of its own, in a location of its own: making them costs
            // requests, and one location's burst limit would not hold them all
            boolean own = op.destructive() || op.id().contains("pay");
            Tenant caller = own ? newTenant() : tenant;
            Target target = own ? target(caller, true) : op.id().equals("update-invoice") ? draft : sent;
            Map<String, String> query = op.query().apply(target);
            StringBuilder path = new StringBuilder(op.path(target, target.invoiceId()));
            String separator = "?";
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                path.append(separator).append(parameter.getKey()).append('=')
                        .append(java.net.URLEncoder.encode(parameter.getValue(), java.nio.charset.StandardCharsets.UTF_8));
                separator = "&";
            }
            new ApiClient(baseUrl(), caller.token()).extension().send(op.method(), path.toString(), op.body().apply(target));
        }
        // the list with a search term takes InvoiceSearch's statements
        api(tenant).get("/invoices/?altId=" + tenant.locationId() + "&altType=location&limit=10&offset=0&search=inv");

        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String sql : STATEMENTS) {
            String statement = sql.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!seen.add(statement) || ALL_SHARDS.stream().anyMatch(statement::contains)) {
                continue;
            }
            Matcher m = TABLE_REFERENCE.matcher(statement);
            while (m.find()) {
                String table = m.group(1);
                String key = OTHER_KEY.getOrDefault(table, "location_id");
                boolean names = statement.startsWith("insert") ? statement.contains(key)
                        : Pattern.compile("\\b" + key + " (=|in\\b)").matcher(statement).find();
                if (distributed.contains(table) && !names) {
                    problems.add(table + " without " + key + ": " + statement);
                }
            }
        }
        assertThat(seen).as("statements recorded").hasSizeGreaterThan(20);
        assertThat(problems).as("statements on distributed tables that do not name the distribution column").isEmpty();
    }

    private Target target(Tenant tenant, boolean sent) {
        String id = api(tenant).post("/invoices/", dev.remit.support.InvoiceBodies.create(tenant)).json().path("_id").asString();
        if (sent) {
            invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, null, null, unchecked -> { });
        }
        String schedule = api(tenant).extension().post("/invoices/schedule", dev.remit.support.ScheduleBodies.create(tenant))
                .json().path("_id").asString();
        String template = api(tenant).extension().post("/invoices/template", dev.remit.support.TemplateBodies.create(tenant))
                .json().path("_id").asString();
        String[] estimate = Operations.estimateResources(api(tenant), tenant);
        return new Target(tenant, id, invoices.load(tenant.locationId(), id).publicToken(), schedule, template,
                estimate[0], estimate[1]);
    }

    /** Records the text of every statement the server's connections prepare or execute. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StatementLog {
        @Bean
        static BeanPostProcessor statementLog() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && !(bean instanceof Recording)) {
                        return new Recording(dataSource);
                    }
                    return bean;
                }
            };
        }
    }

    static final class Recording extends DelegatingDataSource {
        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return recording(super.getConnection(user, password));
        }

        private static Connection recording(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof String sql
                        && (method.getName().startsWith("prepare") || method.getName().startsWith("execute")
                                || method.getName().equals("addBatch") || method.getName().equals("nativeSQL"))) {
                    STATEMENTS.add(sql);
                }
                try {
                    Object result = method.invoke(connection, args);
                    if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (p, m, a) -> {
                                    if (a != null && a.length > 0 && a[0] instanceof String sql) {
                                        STATEMENTS.add(sql);
                                    }
                                    try {
                                        return m.invoke(statement, a);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    handler);
        }
    }
}
