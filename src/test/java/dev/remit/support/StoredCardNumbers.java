package dev.remit.support;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.api.AccountNumbers;

/**
 * Walks every table of the current schema (the test context's own: H2's, or the PostgreSQL schema
 * TestDatabase made) and every column that can hold text (character, text, JSON, binary), and
 * returns each stored value that the production detector ({@link AccountNumbers}) takes for a full
 * card number or an IBAN, as {@code table.column: value}. Empty when nothing is stored that must not be.
 */
public final class StoredCardNumbers {

    private static final List<String> TEXT_TYPES = List.of("char", "text", "clob", "character large object", "json");
    private static final List<String> BINARY_TYPES = List.of("binary", "bytea", "blob");

    private StoredCardNumbers() {
    }

    public static List<String> find(DataSource dataSource) {
        return find(JdbcClient.create(dataSource));
    }

    public static List<String> find(JdbcClient jdbc) {
        Map<String, List<String>> columnsByTable = new LinkedHashMap<>();
        jdbc.sql("""
                select c.table_name, c.column_name, c.data_type
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema and t.table_type = 'BASE TABLE'
                order by c.table_name, c.ordinal_position""").query((ResultSet rs) -> {
                    String type = rs.getString("data_type").toLowerCase(Locale.ROOT);
                    if (TEXT_TYPES.stream().anyMatch(type::contains) || BINARY_TYPES.stream().anyMatch(type::contains)) {
                        columnsByTable.computeIfAbsent(rs.getString("table_name"), t -> new ArrayList<>())
                                .add(rs.getString("column_name"));
                    }
                });
        if (columnsByTable.isEmpty()) {
            throw new IllegalStateException("no table with a text column in the current schema: is it the test's database?");
        }
        List<String> found = new ArrayList<>();
        columnsByTable.forEach((table, columns) -> {
            String select = "select " + String.join(", ", columns.stream().map(StoredCardNumbers::quoted).toList())
                    + " from " + quoted(table);
            jdbc.sql(select).query((ResultSet rs) -> {
                for (int i = 0; i < columns.size(); i++) {
                    String value = text(rs, i + 1);
                    if (AccountNumbers.looksLikeAccountNumber(value)) {
                        found.add(table + "." + columns.get(i) + ": " + value);
                    }
                }
            });
        });
        return found;
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof java.sql.Blob || value instanceof java.sql.Clob || !(value instanceof String)) {
            int type = rs.getMetaData().getColumnType(column);
            return type == java.sql.Types.BLOB || type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                    || type == java.sql.Types.LONGVARBINARY
                    ? new String(rs.getBytes(column), StandardCharsets.UTF_8) : rs.getString(column);
        }
        return (String) value;
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
