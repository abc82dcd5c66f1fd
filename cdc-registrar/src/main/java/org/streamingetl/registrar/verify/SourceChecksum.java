package org.streamingetl.registrar.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.topics.TableId;

/**
 * The MySQL side of the drift check's canonical form (design.md, "Drift check"): each column as a text both MySQL
 * and ClickHouse can produce for every type of docs/type-mapping.md, a row as the MD5 of its columns' texts joined
 * with {@code #}, a chunk as its row count and the sum modulo 2^64 of the first 8 bytes of its rows' MD5s (order
 * independent). Keys are compared and ordered as their canonical values: numbers and temporals by value, strings
 * by their bytes. clickhouse-sink builds the same texts from its ClickHouse columns ({@code ChunkChecksumSql}).
 */
public final class SourceChecksum {

    /** Types whose canonical text is the hex of their bytes, and which are ordered by bytes as keys. */
    static final Set<String> BYTES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "binary",
            "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "enum", "set", "json");
    static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    static final Set<String> GEOMETRY = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private final TableId table;
    private final List<ColumnDefinition> columns;
    private final List<ColumnDefinition> key;

    public SourceChecksum(TableId table, List<ColumnDefinition> columns, List<String> primaryKey) {
        this.table = table;
        this.columns = List.copyOf(columns);
        List<ColumnDefinition> keyColumns = new ArrayList<>();
        for (String name : primaryKey) {
            keyColumns.add(columns.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("key column " + name + " of " + table + " not found")));
        }
        this.key = List.copyOf(keyColumns);
    }

    /** True when the table is checked in primary-key chunks; else as one chunk (no key, or a key type not rangeable). */
    public boolean chunked() {
        return !key.isEmpty() && key.stream().allMatch(SourceChecksum::rangeable);
    }

    static boolean rangeable(ColumnDefinition c) {
        String t = c.dataType().toLowerCase(Locale.ROOT);
        return INTEGERS.contains(t) || t.equals("date")
                || t.equals("datetime") || t.equals("timestamp") || t.equals("year")
                || (BYTES.contains(t) && !t.equals("json"));
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnDefinition::name).toList();
    }

    /** The canonical text of a column, or NULL for SQL NULL (MySQL expression). */
    static String canonical(ColumnDefinition c) {
        String col = ident(c.name());
        String t = c.dataType().toLowerCase(Locale.ROOT);
        if (INTEGERS.contains(t) || t.equals("year") || t.equals("bit")) {
            return "CAST(" + col + " + 0 AS CHAR)";
        }
        if (t.equals("decimal") || t.equals("numeric")) {
            return c.scale() != null && c.scale() > 0
                    ? "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(" + col + " AS CHAR)))"
                    : "CAST(" + col + " AS CHAR)";
        }
        if (t.equals("float") || t.equals("double") || t.equals("real")) {
            return "CAST(" + col + " + 0e0 AS CHAR)"; // the exact double, shortest round-trip text
        }
        if (t.equals("date") || t.equals("datetime")) {
            // Debezium sends MySQL's zero dates as NULL.
            return "IF(CAST(" + col + " AS CHAR) LIKE '0000-00-00%', NULL, CAST(" + col + " AS CHAR))";
        }
        if (t.equals("timestamp")) { // the session is in UTC; a zero TIMESTAMP arrives as the epoch
            int fsp = c.fractionalSeconds() == null ? 0 : c.fractionalSeconds();
            String epoch = "1970-01-01 00:00:00" + (fsp > 0 ? "." + "0".repeat(fsp) : "");
            return "IF(CAST(" + col + " AS CHAR) LIKE '0000-00-00%', '" + epoch + "', CAST(" + col + " AS CHAR))";
        }
        if (t.equals("time")) { // microseconds, signed, as the sink writes TIME
            return "CAST(IF(" + col + " < 0, -1, 1) * ((HOUR(" + col + ") * 3600 + MINUTE(" + col + ") * 60 + SECOND("
                    + col + ")) * 1000000 + MICROSECOND(" + col + ")) AS CHAR)";
        }
        if (GEOMETRY.contains(t)) {
            return "HEX(ST_AsWKB(" + col + "))";
        }
        return "HEX(" + col + ")"; // strings, binaries, ENUM, SET, JSON: their bytes
    }

    /** The canonical text of a key column for its bounds (never NULL). */
    static String keyText(ColumnDefinition c) {
        String t = c.dataType().toLowerCase(Locale.ROOT);
        if (BYTES.contains(t)) {
            return "HEX(" + ident(c.name()) + ")";
        }
        return INTEGERS.contains(t) || t.equals("year") ? "CAST(" + ident(c.name()) + " + 0 AS CHAR)"
                : "CAST(" + ident(c.name()) + " AS CHAR)";
    }

    /** A key column as it is compared and ordered. */
    static String keyOrder(ColumnDefinition c) {
        return BYTES.contains(c.dataType().toLowerCase(Locale.ROOT)) ? "CAST(" + ident(c.name()) + " AS BINARY)"
                : ident(c.name());
    }

    /** A bound's value (a {@code ?} parameter bound to its canonical text) as compared with {@link #keyOrder}. */
    static String keyParameter(ColumnDefinition c) {
        String t = c.dataType().toLowerCase(Locale.ROOT);
        if (BYTES.contains(t)) {
            return "UNHEX(?)";
        }
        if (INTEGERS.contains(t) || t.equals("year")) {
            return c.unsigned() ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)";
        }
        if (t.equals("decimal") || t.equals("numeric")) {
            return "CAST(? AS DECIMAL(65," + (c.scale() == null ? 0 : c.scale()) + "))";
        }
        return "?"; // DATE/DATETIME/TIMESTAMP: the text converts to the column's type
    }

    /** Keys strictly after {@code ?}s of the key (lexicographic); {@code ?} parameters: the bound, once per use. */
    String after() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            StringBuilder term = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                term.append(keyOrder(key.get(j))).append(" = ").append(keyParameter(key.get(j))).append(" AND ");
            }
            term.append(keyOrder(key.get(i))).append(" > ").append(keyParameter(key.get(i))).append(')');
            terms.add(term.toString());
        }
        return "(" + String.join(" OR ", terms) + ")";
    }

    /** The parameters of {@link #after()} for a bound, in order. */
    List<String> afterParameters(List<String> bound) {
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            for (int j = 0; j <= i; j++) {
                parameters.add(bound.get(j));
            }
        }
        return parameters;
    }

    /** The chunk's condition: after {@code lower} (null: none) and not after {@code upper} (null: none). */
    String range(List<String> lower, List<String> upper) {
        List<String> terms = new ArrayList<>();
        if (lower != null) {
            terms.add(after());
        }
        if (upper != null) {
            terms.add("NOT " + after());
        }
        return terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms);
    }

    List<String> rangeParameters(List<String> lower, List<String> upper) {
        List<String> parameters = new ArrayList<>();
        if (lower != null) {
            parameters.addAll(afterParameters(lower));
        }
        if (upper != null) {
            parameters.addAll(afterParameters(upper));
        }
        return parameters;
    }

    /** The key of the {@code rows}-th row after {@code lower} (null: from the first), as canonical texts. */
    String boundaryQuery(boolean hasLower, int rows) {
        List<String> texts = key.stream().map(SourceChecksum::keyText).toList();
        List<String> order = key.stream().map(SourceChecksum::keyOrder).toList();
        return "SELECT " + String.join(", ", texts) + " FROM " + qualified() + (hasLower ? " WHERE " + after() : "")
                + " ORDER BY " + String.join(", ", order) + " LIMIT 1 OFFSET " + (rows - 1);
    }

    /** Row count and checksum of a chunk, with shared locks on its rows (so none changes until the commit). */
    String checksumQuery(List<String> lower, List<String> upper) {
        List<String> texts = new ArrayList<>();
        for (ColumnDefinition c : columns) {
            texts.add("IFNULL(" + canonical(c) + ", 'N')");
        }
        String row = texts.size() == 1 ? texts.get(0) : "CONCAT_WS('#', " + String.join(", ", texts) + ")";
        return "SELECT COUNT(*), CAST(COALESCE(SUM(CAST(CONV(SUBSTRING(MD5(" + row + "), 1, 16), 16, 10) AS UNSIGNED)), 0)"
                + " MOD 18446744073709551616 AS CHAR) FROM " + qualified() + " WHERE " + range(lower, upper)
                + " LOCK IN SHARE MODE";
    }

    private String qualified() {
        return ident(table.database()) + "." + ident(table.table());
    }

    static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
