package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every MySQL type at its edges, compared value by value between MariaDB and ClickHouse ({@code FINAL WHERE
 * _deleted = 0}) in a canonical form: bytes as hex, floats as the numbers they are, temporal values as MySQL prints
 * them. On the legacy server (the 18.16 CI runs) the documented fallbacks of docs/type-mapping.md apply.
 */
class TypeFidelityIT {

    /** How a column's values are compared once both sides selected their canonical text. */
    private enum Compare { TEXT, DATE, TIMESTAMP, DECIMAL, FLOAT, DOUBLE, TIME_MICROS }

    /** One column: its DDL, how MySQL and ClickHouse select it canonically, and how values compare. */
    private record Column(String name, String type, String mysql, String clickhouse, Compare compare) {
        static Column exact(String name, String type) {
            return new Column(name, type, name, name, Compare.TEXT);
        }

        static Column hex(String name, String type) {
            return new Column(name, type, "HEX(" + name + ")", "hex(" + name + ")", Compare.TEXT);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            Column.exact("ti", "TINYINT"), Column.exact("tiu", "TINYINT UNSIGNED"),
            Column.exact("si", "SMALLINT"), Column.exact("siu", "SMALLINT UNSIGNED"),
            Column.exact("mi", "MEDIUMINT"), Column.exact("miu", "MEDIUMINT UNSIGNED"),
            Column.exact("i", "INT"), Column.exact("iu", "INT UNSIGNED"),
            Column.exact("bi", "BIGINT"), Column.exact("biu", "BIGINT UNSIGNED"),
            new Column("d65", "DECIMAL(65,30)", "CAST(d65 AS CHAR)", "d65", Compare.DECIMAL),
            new Column("d10", "DECIMAL(10,0)", "CAST(d10 AS CHAR)", "d10", Compare.DECIMAL),
            new Column("f", "FLOAT", "f", "f", Compare.FLOAT), new Column("db", "DOUBLE", "db", "db", Compare.DOUBLE),
            new Column("b1", "BIT(1)", "b1+0", "b1", Compare.TEXT), new Column("b64", "BIT(64)", "b64+0", "b64", Compare.TEXT),
            new Column("dt", "DATE", "dt", "dt", Compare.DATE),
            new Column("dtm", "DATETIME(6)", "DATE_FORMAT(dtm, '%Y-%m-%d %H:%i:%s.%f')", "dtm", Compare.DATE),
            new Column("ts", "TIMESTAMP(6) NULL", "CAST(ts AS CHAR)", "ts", Compare.TIMESTAMP),
            new Column("tm", "TIME(6)", "CAST(tm AS CHAR)", "tm", Compare.TIME_MICROS),
            new Column("yr", "YEAR", "yr+0", "yr", Compare.TEXT),
            Column.hex("c", "CHAR(20) CHARACTER SET utf8mb4"), Column.hex("vc", "VARCHAR(100) CHARACTER SET utf8mb4"),
            Column.hex("tx", "TEXT CHARACTER SET utf8mb4"), Column.hex("bn", "BINARY(4)"),
            Column.hex("vb", "VARBINARY(300)"), Column.hex("bl", "BLOB"),
            Column.exact("en", "ENUM('a','b','c')"), Column.exact("st", "SET('x','y','z')"),
            Column.hex("js", "JSON"),
            new Column("geo", "GEOMETRY", "HEX(ST_AsWKB(geo))", "hex(geo)", Compare.TEXT));

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    /** The dates the rows use at their range ends: MySQL's own, or those of ClickHouse's Date32/DateTime64. */
    private record DateRange(String first, String last) {
        static final DateRange MYSQL = new DateRange("1000-01-01", "9999-12-31");
        static final DateRange CLICKHOUSE_TYPED = new DateRange("1900-01-01", "2299-12-31");
    }

    @Test
    void everyTypeAtMySqlsRangeEndsArrivesExactly() throws Exception {
        fillEdgeRows("fidelity", DateRange.MYSQL);
        assertEqualCanonically(stack.clickhouse(), "fidelity");
        changeRows("fidelity");
        assertEqualCanonically(stack.clickhouse(), "fidelity");
    }

    /**
     * The modern mapping (Date32, DateTime64, Decimal(65, 30), LowCardinality, ReplacingMergeTree with _deleted),
     * executed by a current ClickHouse engine: chdb (ClickHouse 26.x) behind the test-only HTTP front, written by a
     * second sink. Dates stay within Date32's range; values outside it are refused (see the unit tests).
     */
    @Test
    void theModernMappingIsExactOnACurrentClickHouseEngine() throws Exception {
        ClickHouse modern = ClickHouse.modernOrNull();
        Assumptions.assumeTrue(modern != null, "no current ClickHouse engine (chdb front) in this run");
        fillEdgeRows("fidelity_modern", DateRange.CLICKHOUSE_TYPED);
        assertEqualCanonically(modern, "fidelity_modern");
        assertEqualCanonically(stack.clickhouse(), "fidelity_modern");
        String database = stack.endpoints().get("MYSQL_DATABASE");
        List<String> types = modern.rows("SELECT name, type FROM system.columns WHERE database = '" + database
                + "' AND table = 'fidelity_modern' AND name IN ('d65', 'dt', 'dtm', 'ts', 'en', 'biu') ORDER BY name");
        assertEquals(List.of("biu\tNullable(UInt64)", "d65\tNullable(Decimal(65, 30))", "dt\tNullable(Date32)",
                "dtm\tNullable(DateTime64(6))", "en\tLowCardinality(Nullable(String))",
                "ts\tNullable(DateTime64(6, \\'UTC\\'))"), types);
        List<String> engine = modern.rows("SELECT engine_full FROM system.tables WHERE database = '" + database
                + "' AND name = 'fidelity_modern'");
        assertTrue(engine.get(0).startsWith("ReplacingMergeTree(_version, _deleted)"), engine.get(0));

        changeRows("fidelity_modern");
        assertEqualCanonically(modern, "fidelity_modern");
    }

    private static void fillEdgeRows(String table, DateRange dates) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (id INT PRIMARY KEY");
        for (Column c : COLUMNS) {
            ddl.append(", ").append(c.name()).append(' ').append(c.type());
        }
        ddl.append(")");
        String allBytes = allBytesHex(false);
        String allBytesReversed = allBytesHex(true);
        try (Connection connection = stack.mysql().connect(); Statement s = connection.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(ddl.toString());
            s.execute("INSERT INTO " + table + " VALUES (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, "
                    + "-9223372036854775808, 0, '-99999999999999999999999999999999999.999999999999999999999999999999', "
                    + "-9999999999, -3.40282e38, -1.7976931348623157e308, b'0', b'0', '" + dates.first() + "', "
                    + "'" + dates.first() + " 00:00:00.000000', '1970-01-01 00:00:01.000000', '-838:59:59.000000', 1901, "
                    + "'', '', '', x'00000000', x'', x'', 'a', '', '{}', ST_GeomFromText('POINT(0 0)'))");
            s.execute("INSERT INTO " + table + " VALUES (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, "
                    + "4294967295, 9223372036854775807, 18446744073709551615, "
                    + "'99999999999999999999999999999999999.999999999999999999999999999999', 9999999999, 3.40282e38, "
                    + "1.7976931348623157e308, b'1', b'" + "1".repeat(64) + "', '" + dates.last() + "', "
                    + "'" + dates.last() + " 23:59:59.999999', '2038-01-19 03:14:07.999999', '838:59:59.000000', 2155, "
                    + "'ÿ😀 tab\tnl\n', '𝄞 4-byte 🚀 utf8mb4 ✓', REPEAT('long text ü ', 500), x'FFFFFF00', x'"
                    + allBytes + "', x'" + allBytesReversed + "', 'c', 'x,y,z', '{\"a\": [1, 2.5, \"ü\"], \"b\": null}', "
                    + "ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'))");
            s.execute("INSERT INTO " + table + " (id) VALUES (3)");
            // Zero dates, where the SQL mode allows them
            s.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            s.execute("INSERT INTO " + table + " (id, dt, dtm, ts) VALUES (5, '0000-00-00', '0000-00-00 00:00:00', "
                    + "'0000-00-00 00:00:00')");
            s.execute("INSERT INTO " + table + " VALUES (4, 0, 1, -1, 1, -1, 1, -1, 1, -1, 1, "
                    + "'0.000000000000000000000000000001', 0, 1.17549e-38, 4.9e-324, b'1', b'1010', '2024-02-29', "
                    + "'2024-02-29 12:34:56.000001', '2024-02-29 12:34:56.123456', '-00:00:00.000001', 2024, "
                    + "'a', 'b', 'c', x'01', x'00', x'00', 'b', 'y', '[]', ST_GeomFromText('LINESTRING(1.5 2.5, 3 4)'))");
        }
    }

    private static void changeRows(String table) throws Exception {
        stack.mysql().execute("UPDATE " + table + " SET vc = 'changed ✓', d65 = -0.5, tm = '00:00:01.5', geo = NULL "
                        + "WHERE id = 2",
                "UPDATE " + table + " SET ti = 1, js = '{\"k\": 1}' WHERE id = 3",
                "DELETE FROM " + table + " WHERE id = 1");
    }

    private static void assertEqualCanonically(ClickHouse clickhouse, String table) throws Exception {
        List<String> mysqlSelect = new ArrayList<>(List.of("id"));
        List<String> clickhouseSelect = new ArrayList<>(List.of("id"));
        for (Column c : COLUMNS) {
            mysqlSelect.add(c.mysql());
            clickhouseSelect.add(c.clickhouse());
        }
        List<String> expected;
        try (Connection connection = stack.mysql().connect(); Statement s = connection.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            expected = canonical(MySql.rows(s, "SELECT " + String.join(", ", mysqlSelect) + " FROM " + table
                    + " ORDER BY id"), false);
        }
        String query = "SELECT " + String.join(", ", clickhouseSelect) + " FROM " + stack.endpoints().get("MYSQL_DATABASE")
                + "." + table + " FINAL WHERE _deleted = 0 ORDER BY id";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> actual = null;
        while (System.nanoTime() < deadline) {
            List<String> rows = clickhouse.rows(query);
            actual = rows == null ? null : canonical(rows, true);
            if (expected.equals(actual)) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(expected.size(), actual == null ? -1 : actual.size(), "rows in ClickHouse (null: no table)");
        assertEquals(List.of(), differences(expected, actual), "cells that differ after 90 s (row id, column: MySQL ≠ ClickHouse)");
    }

    /**
     * Rows in the form both sides agree on: DECIMAL as its number (current servers print 1.500 as 1.5), FLOAT/DOUBLE
     * parsed (3.40282e38 and 3.4028235e38 are the same FLOAT), and
     * ClickHouse's TIME microseconds written as MySQL prints a TIME(6).
     */
    private static List<String> canonical(List<String> rows, boolean fromClickHouse) {
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            String[] values = row.split("\t", -1);
            for (int i = 0; i < COLUMNS.size(); i++) {
                String v = values[i + 1];
                if (v.equals("\\N")) {
                    continue;
                }
                switch (COLUMNS.get(i).compare()) {
                    // Debezium sends MySQL's zero DATE/DATETIME as null, a zero TIMESTAMP as the epoch
                    // (docs/type-mapping.md)
                    case DATE -> values[i + 1] = !fromClickHouse && v.startsWith("0000-00-00") ? "\\N" : v;
                    case TIMESTAMP -> values[i + 1] = !fromClickHouse && v.startsWith("0000-00-00")
                            ? "1970-01-01 00:00:00.000000" : v;
                    case DECIMAL -> values[i + 1] = new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
                    case FLOAT -> values[i + 1] = Float.toString(Float.parseFloat(v));
                    case DOUBLE -> values[i + 1] = Double.toString(Double.parseDouble(v));
                    case TIME_MICROS -> values[i + 1] = fromClickHouse ? mysqlTime(Long.parseLong(v)) : v;
                    case TEXT -> { }
                }
            }
            out.add(String.join("\t", values));
        }
        return out;
    }

    private static List<String> differences(List<String> expected, List<String> actual) {
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < expected.size(); r++) {
            String[] e = expected.get(r).split("\t", -1);
            String[] a = actual.get(r).split("\t", -1);
            for (int i = 0; i < e.length; i++) {
                if (!e[i].equals(a[i])) {
                    String name = i == 0 ? "id" : COLUMNS.get(i - 1).name();
                    differences.add(e[0] + ", " + name + ": " + abbreviate(e[i]) + " ≠ " + abbreviate(a[i]));
                }
            }
        }
        return differences;
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…(" + value.length() + ")" : value;
    }

    /** Microseconds as MySQL prints a TIME(6): [-]HH:MM:SS.ffffff, hours unbounded. */
    static String mysqlTime(long micros) {
        long abs = Math.abs(micros);
        return String.format("%s%02d:%02d:%02d.%06d", micros < 0 ? "-" : "", abs / 3_600_000_000L,
                abs / 60_000_000L % 60, abs / 1_000_000L % 60, abs % 1_000_000L);
    }

    private static String allBytesHex(boolean reversed) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            hex.append(String.format("%02X", reversed ? 255 - i : i));
        }
        return hex.toString();
    }
}
