package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-table options ({@code sink.table-options}, README "Table options"). The stack's sink runs with one entry for
 * this test's tables only ({@code .*\.opt_.*}: order-by {@code tenant_id,id}, partition-by
 * {@code toYYYYMM(toDateTime(created_at))}, exclude-columns {@code secret,notes}; integration-tests/pom.xml sets it as
 * {@code SINK_TABLE_OPTIONS_0__*}). ClickHouse gets the sorting and partition key, never the excluded columns (also
 * after they are added or changed in MySQL), {@code FINAL} equals MySQL after an update that moves a row to another
 * sorting key, and a table the option cannot apply to halts with the reason while the others flow.
 */
class TableOptionsIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, tenant_id, created_at, amount";
    private static Stack stack;
    private static String db;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CLICKHOUSE_SINK_URL", "CDC_REGISTRAR_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
        stack.mysql().execute("DROP TABLE IF EXISTS opt_orders", "DROP TABLE IF EXISTS opt_nullable",
                "DROP TABLE IF EXISTS plain_opt_neighbour", "DROP TABLE IF EXISTS opt_existing");
    }

    @Test
    void theTableGetsItsSortingKeyPartitionsAndNoExcludedColumn() throws Exception {
        stack.mysql().execute("CREATE TABLE opt_orders (id INT PRIMARY KEY, tenant_id INT NOT NULL,"
                        + " created_at DATETIME NOT NULL, amount DECIMAL(10,2) NOT NULL, secret VARCHAR(20) NULL)",
                "INSERT INTO opt_orders VALUES (1, 10, '2026-01-15 10:00:00', 1.50, 's1'),"
                        + " (2, 10, '2026-02-01 00:00:00', 2.50, 's2'), (3, 30, '2026-02-20 12:30:00', 3.50, NULL)");
        assertEqual("created");
        assertEquals(List.of("tenant_id, id\ttoYYYYMM(toDateTime(created_at))"), stack.clickhouse().rows(
                "SELECT sorting_key, partition_key FROM system.tables WHERE database = '" + db
                        + "' AND name = 'opt_orders'"));
        assertEquals(List.of("2"), stack.clickhouse().rows("SELECT count(DISTINCT partition) FROM system.parts"
                + " WHERE database = '" + db + "' AND table = 'opt_orders' AND active"), "two months, two partitions");
        assertNoExcludedColumn();

        // The ordering column changes: the row under the old sorting key (10, 1) must not survive under FINAL.
        stack.mysql().execute("UPDATE opt_orders SET tenant_id = 20, amount = 1.75 WHERE id = 1");
        assertEqual("tenant of row 1 changed");
        assertEquals(List.of("1\t20"), stack.clickhouse().rows("SELECT id, tenant_id FROM " + db
                + ".opt_orders FINAL WHERE _deleted = 0 AND id = 1"), "exactly one live row for id 1");
        stack.mysql().execute("UPDATE opt_orders SET tenant_id = 10 WHERE id = 1",
                "UPDATE opt_orders SET amount = 2.75 WHERE id = 2", "DELETE FROM opt_orders WHERE id = 3");
        assertEqual("tenant changed back, an update keeping the key, a delete");
        assertEquals(List.of("1"), stack.clickhouse().rows("SELECT count() FROM " + db
                + ".opt_orders FINAL WHERE _deleted = 0 AND id = 1"));

        // Excluded columns stay out when MySQL adds or changes them.
        stack.mysql().execute("ALTER TABLE opt_orders ADD COLUMN notes VARCHAR(10) NULL",
                "INSERT INTO opt_orders VALUES (4, 40, '2026-03-01 08:00:00', 4.50, 's4', 'n4')");
        assertEqual("excluded column notes added");
        stack.mysql().execute("ALTER TABLE opt_orders MODIFY COLUMN notes VARCHAR(50) NULL DEFAULT 'x'",
                "ALTER TABLE opt_orders MODIFY COLUMN secret TEXT NULL",
                "INSERT INTO opt_orders VALUES (5, 50, '2026-03-02 08:00:00', 5.50, 's5', 'a longer note')",
                "UPDATE opt_orders SET notes = 'changed', tenant_id = 51 WHERE id = 5");
        assertEqual("excluded columns modified");
        assertNoExcludedColumn();

        // The drift check cannot compare a table without some of its columns: it says so instead of DIFFERENT.
        JsonNode check = driftCheck(db + ".opt_orders");
        assertEquals("FAILED", check.path("state").asText(), check.toString());
        assertTrue(check.toString().contains("excluded from ClickHouse table"), check.toString());
    }

    @Test
    void aTableTheOptionCannotApplyToHaltsWithTheReasonWhileOthersFlow() throws Exception {
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + ".opt_nullable";
        stack.mysql().execute("CREATE TABLE opt_nullable (id INT PRIMARY KEY, tenant_id INT NULL,"
                        + " created_at DATETIME NOT NULL, amount DECIMAL(10,2) NOT NULL)",
                "CREATE TABLE plain_opt_neighbour (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO opt_nullable VALUES (1, NULL, '2026-01-15 10:00:00', 1.00)",
                "INSERT INTO plain_opt_neighbour VALUES (1, 1)");
        String sink = stack.endpoints().get("CLICKHOUSE_SINK_URL");
        JsonNode[] status = new JsonNode[1];
        Await.equal("opt_nullable is HALTED on GET /sink/tables", "HALTED", () -> {
            for (JsonNode t : JSON.readTree(Http.get(sink + "/sink/tables"))) {
                if (t.path("sourceTopic").asText().equals(topic)) {
                    status[0] = t;
                    return t.path("state").asText();
                }
            }
            return null;
        }, CATCH_UP);
        String reason = status[0].path("lastError").asText();
        assertTrue(reason.contains("sink.table-options[0].order-by=tenant_id,id: column tenant_id of " + db
                + ".opt_nullable is NULL-able in MySQL, and ClickHouse refuses Nullable columns in a sorting key"),
                reason);
        assertEquals(List.of(), stack.clickhouse().rows("SELECT name FROM system.tables WHERE database = '" + db
                + "' AND name = 'opt_nullable'"), "no ClickHouse table is created");
        Await.equal("the other tables flow", List.of("1\t1"), () -> stack.clickhouse().rows(
                "SELECT id, v FROM " + db + ".plain_opt_neighbour FINAL WHERE _deleted = 0"), CATCH_UP);
        // Leave the suite a ready sink: the halted table goes away with its MySQL table.
        stack.mysql().execute("DROP TABLE opt_nullable");
        Await.equal("opt_nullable is no longer HALTED once dropped", false, () -> {
            for (JsonNode t : JSON.readTree(Http.get(sink + "/sink/tables"))) {
                if (t.path("sourceTopic").asText().equals(topic)) {
                    return t.path("state").asText().equals("HALTED");
                }
            }
            return false;
        }, CATCH_UP);
    }

    @Test
    void anExistingTableKeepsItsStructureAndIsWrittenByItsOwnSortingKey() throws Exception {
        // Made before the sink sees the table (as by an earlier sink without the option): ordered by the key only.
        stack.clickhouse().execute("DROP TABLE IF EXISTS " + db + ".opt_existing");
        stack.clickhouse().execute("CREATE TABLE " + db + ".opt_existing (id Int32, tenant_id Int32, created_at String,"
                + " amount Decimal(10, 2), _version UInt64, _deleted UInt8, _ingested_at DateTime)"
                + " ENGINE = ReplacingMergeTree(_version) ORDER BY (id)");
        stack.mysql().execute("CREATE TABLE opt_existing (id INT PRIMARY KEY, tenant_id INT NOT NULL,"
                        + " created_at DATETIME NOT NULL, amount DECIMAL(10,2) NOT NULL)",
                "INSERT INTO opt_existing VALUES (1, 10, '2026-01-15 10:00:00', 1.50), (2, 20, '2026-02-15 10:00:00', 2.50)",
                "UPDATE opt_existing SET tenant_id = 11 WHERE id = 1", "UPDATE opt_existing SET tenant_id = 12 WHERE id = 1");
        List<String> expected = stack.mysql().rows("SELECT " + COLUMNS + " FROM opt_existing ORDER BY id");
        Await.equal("the existing table equals MySQL", expected, () -> stack.clickhouse().rows("SELECT " + COLUMNS
                + " FROM " + db + ".opt_existing FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
        assertEquals(List.of("id	"), stack.clickhouse().rows("SELECT sorting_key, partition_key FROM system.tables"
                + " WHERE database = '" + db + "' AND name = 'opt_existing'"), "its structure is kept");
        assertEquals(List.of("0"), stack.clickhouse().rows("SELECT count() FROM " + db
                + ".opt_existing WHERE _deleted = 1"), "no delete row for a moved key: the table is not ordered by tenant_id");
        String runDir = System.getenv("PIPELINE_RUN_DIR");
        if (runDir != null) {
            long warnings = java.nio.file.Files.readString(java.nio.file.Path.of(runDir, "logs", "clickhouse-sink.log"))
                    .lines().filter(l -> l.contains("ClickHouse table `" + db + "`.`opt_existing` exists with sorting"
                            + " key (id)")).count();
            // One per sink process (the log of a reused stack may hold those of earlier runs).
            assertTrue(warnings >= 1, "a warning names the difference");
        }
    }

    private static void assertEqual(String step) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT " + COLUMNS + " FROM opt_orders ORDER BY id");
        Await.equal("after '" + step + "': ClickHouse FINAL equals MySQL without the excluded columns", expected,
                () -> stack.clickhouse().rows("SELECT " + COLUMNS + " FROM " + db + ".opt_orders FINAL"
                        + " WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }

    private static void assertNoExcludedColumn() throws Exception {
        assertEquals(List.of("id", "tenant_id", "created_at", "amount", "_version", "_deleted", "_ingested_at"),
                stack.clickhouse().rows("SELECT name FROM system.columns WHERE database = '" + db
                        + "' AND table = 'opt_orders'"));
    }

    private static JsonNode driftCheck(String table) throws Exception {
        return DriftChecks.run(stack, table);
    }
}
