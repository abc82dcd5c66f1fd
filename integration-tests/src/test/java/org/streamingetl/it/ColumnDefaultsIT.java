package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ADD COLUMN ... DEFAULT}: the rows that existed before read the default in MySQL, without any row event in
 * the binlog. They must read the same in ClickHouse — on the legacy mapping (ClickHouse 18.16) and on the modern one
 * (the chdb engine, when the run has it) — for constants of every type, for expressions (the table is re-sent), and
 * a later {@code SET DEFAULT} / {@code MODIFY ... DEFAULT} must change no existing value.
 */
class ColumnDefaultsIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    /**
     * A new table each run: a table dropped and created again at once may keep its ClickHouse table (and the columns'
     * DEFAULTs of the run before), which would hide what this run's DDL did.
     */
    private static final String TABLE = "defaults_" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    /** MySQL expression, ClickHouse expression: the same value printed the same way on both sides. */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"id", "id"},
            new String[] {"name", "name"},
            new String[] {"added", "added"},
            new String[] {"i", "i"},
            new String[] {"ub", "ub"},
            new String[] {"f", "f"},
            new String[] {"dbl", "dbl"},
            new String[] {"HEX(s)", "hex(s)"},
            new String[] {"HEX(tx)", "hex(tx)"},
            new String[] {"en", "en"},
            new String[] {"en_implicit", "en_implicit"},
            new String[] {"st", "st"},
            new String[] {"b + 0", "b"},
            new String[] {"HEX(bin)", "hex(bin)"},
            new String[] {"HEX(vb)", "hex(vb)"},
            new String[] {"d", "d"},
            new String[] {"dt", "dt"},
            new String[] {"TIME_TO_SEC(tm) * 1000000", "tm"},
            new String[] {"y + 0", "y"},
            new String[] {"HEX(js)", "hex(js)"},
            new String[] {"n", "n"});
    private static Stack stack;
    private static String db;
    private static ClickHouse modern;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
        modern = ClickHouse.modernOrNull();
    }

    @Test
    void existingRowsReadTheDefaultAddedWithTheColumnAndKeepItWhenTheDefaultChanges() throws Exception {
        stack.mysql().execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, name VARCHAR(40) NULL)",
                "INSERT INTO " + TABLE + " VALUES (1, 'before'), (2, 'before, updated after'), (3, NULL)");
        assertEqual(List.of(COLUMNS.get(0), COLUMNS.get(1)), "created");

        stack.mysql().execute("UPDATE " + TABLE + " SET name = 'just before' WHERE id = 3",
                "ALTER TABLE " + TABLE + " ADD COLUMN added DECIMAL(20,6) NULL DEFAULT 1.5,"
                        + " ADD COLUMN i INT NOT NULL DEFAULT -7,"
                        + " ADD COLUMN ub BIGINT UNSIGNED NOT NULL DEFAULT 18446744073709551615,"
                        + " ADD COLUMN f FLOAT NOT NULL DEFAULT 1.1,"
                        + " ADD COLUMN dbl DOUBLE NULL DEFAULT 0.25,"
                        + " ADD COLUMN s VARCHAR(40) NOT NULL DEFAULT 'it''s a \\\\ b \"q\" Grüße',"
                        + " ADD COLUMN tx TEXT NULL DEFAULT 'line\\nnext',"
                        + " ADD COLUMN en ENUM('x', 'y z') NOT NULL DEFAULT 'y z',"
                        + " ADD COLUMN en_implicit ENUM('first', 'second') NOT NULL,"
                        + " ADD COLUMN st SET('a', 'b', 'c') NULL DEFAULT 'a,c',"
                        + " ADD COLUMN b BIT(5) NOT NULL DEFAULT b'10101',"
                        + " ADD COLUMN bin BINARY(4) NULL DEFAULT 'ab',"
                        + " ADD COLUMN vb VARBINARY(10) NOT NULL DEFAULT 'xy',"
                        + " ADD COLUMN d DATE NOT NULL DEFAULT '2024-02-29',"
                        + " ADD COLUMN dt DATETIME(3) NULL DEFAULT '2024-02-29 10:11:12.345',"
                        + " ADD COLUMN tm TIME NOT NULL DEFAULT '-01:02:03',"
                        + " ADD COLUMN y YEAR NULL DEFAULT 2024,"
                        + " ADD COLUMN js JSON NULL DEFAULT '{\"k\": [1, \"ü\"]}',"
                        + " ADD COLUMN n INT NULL",
                "INSERT INTO " + TABLE + " (id, name) VALUES (4, 'after, defaults')",
                "INSERT INTO " + TABLE + " (id, name, added, i, s, en, b, d, tm) VALUES (5, 'after, values', 2.25, 8,"
                        + " 'own', 'x', b'00001', '2000-01-01', '12:00:00')",
                "UPDATE " + TABLE + " SET name = 'updated after' WHERE id = 2");
        assertEqual(COLUMNS, "columns added with constant defaults");
        List<String> clickHouseDefaults = clickHouseDefaults(stack.clickhouse());
        assertFalse(clickHouseDefaults.get(0).endsWith("\t"), "the ClickHouse column has the default, no re-send: "
                + clickHouseDefaults);

        stack.mysql().execute("ALTER TABLE " + TABLE + " ALTER COLUMN added SET DEFAULT 9.25,"
                        + " MODIFY COLUMN i INT NOT NULL DEFAULT 100, ALTER COLUMN s SET DEFAULT 'other',"
                        + " ALTER COLUMN d SET DEFAULT '1999-12-31'",
                "INSERT INTO " + TABLE + " (id, name) VALUES (6, 'after the new defaults')");
        assertEqual(COLUMNS, "defaults changed: no existing value changes");
        assertEquals(clickHouseDefaults, clickHouseDefaults(stack.clickhouse()),
                "the ClickHouse DEFAULTs (what rows written before read) are unchanged");

        // information_schema (utf8mb3) cannot show an emoji or the byte 0xFF exactly: such constants re-send too.
        stack.mysql().execute("ALTER TABLE " + TABLE + " ADD COLUMN created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                + " ADD COLUMN calc INT NULL DEFAULT (40 + 2), ADD COLUMN emoji VARCHAR(10) NOT NULL DEFAULT '🎉 ✓',"
                + " ADD COLUMN hx VARBINARY(4) NULL DEFAULT 0xFF00");
        List<String[]> withExpressions = new ArrayList<>(COLUMNS);
        withExpressions.add(new String[] {"created", "created"});
        withExpressions.add(new String[] {"calc", "calc"});
        withExpressions.add(new String[] {"HEX(emoji)", "hex(emoji)"});
        withExpressions.add(new String[] {"HEX(hx)", "hex(hx)"});
        assertEqual(withExpressions, "columns added with expressions: the table is re-sent");
    }

    /** Each added column's name and ClickHouse DEFAULT expression. */
    private static List<String> clickHouseDefaults(ClickHouse clickhouse) throws Exception {
        return clickhouse.rows("SELECT name, default_expression FROM system.columns WHERE database = '" + db
                + "' AND table = '" + TABLE + "' AND name IN ('added', 'i', 's', 'd') ORDER BY name");
    }

    private static void assertEqual(List<String[]> columns, String step) throws Exception {
        String mysql = String.join(", ", columns.stream().map(c -> c[0]).toList());
        String clickhouse = String.join(", ", columns.stream().map(c -> c[1]).toList());
        List<String> expected = canonical(stack.mysql().rows("SELECT " + mysql + " FROM " + TABLE + " ORDER BY id"));
        String query = "SELECT " + clickhouse + " FROM " + db + "." + TABLE + " FINAL WHERE _deleted = 0 ORDER BY id";
        Await.equal("after '" + step + "': ClickHouse (legacy mapping) equals MySQL", expected,
                () -> canonical(stack.clickhouse().rows(query)), CATCH_UP);
        if (modern != null) {
            Await.equal("after '" + step + "': ClickHouse (modern mapping) equals MySQL", expected,
                    () -> canonical(modern.rows(query)), CATCH_UP);
        }
    }

    /** Decimals as their number: current ClickHouse servers print 1.500000 as 1.5. */
    private static List<String> canonical(List<String> rows) {
        if (rows == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\t", -1);
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].matches("-?\\d+\\.\\d+")) {
                    cells[i] = new BigDecimal(cells[i]).stripTrailingZeros().toPlainString();
                }
            }
            out.add(String.join("\t", cells));
        }
        return out;
    }
}
