package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sink.clickhouse.database-map} (README "Table options") on the real stack. The test stack captures a second
 * MySQL database, {@value #SOURCE} ({@code MYSQL_EXTRA_DATABASES}), and its sinks map it to the ClickHouse database
 * {@value #TARGET} ({@code SINK_CLICKHOUSE_DATABASE_MAP_ETLMAPPED}); both set in integration-tests/pom.xml. A table
 * of {@value #SOURCE} lands in {@value #TARGET}, {@code FINAL} equals MySQL after inserts, updates, deletes and an
 * {@code ADD COLUMN … DEFAULT} (existing rows read the default), the drift check finds it equal, and nothing appears
 * under the unmapped name.
 */
class DatabaseMapIT {

    static final String SOURCE = "etlmapped";
    static final String TARGET = "etl_mapped_ch";
    private static final String TABLE = "map_orders";
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static Stack stack;

    @BeforeAll
    static void stackCapturesTheMappedDatabase() throws Exception {
        stack = Stack.ready("CLICKHOUSE_SINK_URL", "CDC_REGISTRAR_URL");
        String extra = stack.endpoints().get("MYSQL_EXTRA_DATABASES");
        assertTrue(extra != null && Arrays.asList(extra.split(",")).contains(SOURCE), "the stack must capture MySQL"
                + " database " + SOURCE + " and map it: start it with MYSQL_EXTRA_DATABASES=" + SOURCE
                + " SINK_CLICKHOUSE_DATABASE_MAP_ETLMAPPED=" + TARGET + " (integration-tests/pom.xml does); it has '"
                + extra + "'");
        stack.mysql().execute("DROP TABLE IF EXISTS " + SOURCE + "." + TABLE);
    }

    @Test
    void aTableOfTheMappedDatabaseLandsInTheClickHouseDatabaseItMapsTo() throws Exception {
        String t = SOURCE + "." + TABLE;
        stack.mysql().execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL,"
                        + " amount DECIMAL(10,2) NULL)",
                "INSERT INTO " + t + " VALUES (1, 'one', 1.50), (2, 'two', NULL), (3, 'three', 3.25)");
        assertEqual("id, name, amount", "created");

        stack.mysql().execute("UPDATE " + t + " SET name = 'uno', amount = 1.75 WHERE id = 1",
                "DELETE FROM " + t + " WHERE id = 3", "INSERT INTO " + t + " VALUES (4, 'four', 4.00)");
        assertEqual("id, name, amount", "updated, deleted, inserted");

        // The binlog carries no rows for an ADD COLUMN: the existing rows must read the default in the mapped table.
        stack.mysql().execute("ALTER TABLE " + t + " ADD COLUMN region VARCHAR(10) NOT NULL DEFAULT 'eu'",
                "INSERT INTO " + t + " VALUES (5, 'five', 5.00, 'us')");
        assertEqual("id, name, amount, region", "column added with a default");

        assertEquals(List.of(), stack.clickhouse().rows("SELECT name FROM system.tables WHERE database = '" + SOURCE
                + "' AND name = '" + TABLE + "'"), "nothing under the unmapped ClickHouse database " + SOURCE);

        JsonNode check = DriftChecks.run(stack, t);
        assertEquals("EQUAL", check.path("state").asText(), "the drift check reads the mapped table: " + check);
    }

    private static void assertEqual(String columns, String step) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + SOURCE + "." + TABLE
                + " ORDER BY id");
        Await.equal("after '" + step + "': " + TARGET + "." + TABLE + " FINAL equals MySQL " + SOURCE + "." + TABLE,
                expected, () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + TARGET + "." + TABLE
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }
}
