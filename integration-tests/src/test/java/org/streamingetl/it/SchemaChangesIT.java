package org.streamingetl.it;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDL in MySQL while changes stream: each kind of statement reaches ClickHouse, the rows written before it keep
 * their values, and a bystander table that gets a row after every step keeps flowing.
 */
class SchemaChangesIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static Stack stack;
    private static String db;
    private static int bystanderRows;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
        stack.mysql().execute("DROP TABLE IF EXISTS ddl_bystander",
                "CREATE TABLE ddl_bystander (id INT PRIMARY KEY, step VARCHAR(100) NOT NULL)");
    }

    @Test
    void columnsAddedRenamedWidenedAndDroppedWhileStreaming() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS ddl_items",
                "CREATE TABLE ddl_items (id INT PRIMARY KEY, name VARCHAR(50) NULL, qty INT NOT NULL)",
                "INSERT INTO ddl_items VALUES (1, 'first', 10), (2, NULL, 20), (3, 'third', 30)");
        assertEqual("ddl_items", "id, name, qty", "created");

        stack.mysql().execute("ALTER TABLE ddl_items ADD COLUMN note VARCHAR(20) NULL",
                "INSERT INTO ddl_items VALUES (4, 'fourth', 40, 'with a note')",
                "UPDATE ddl_items SET note = 'added later' WHERE id = 1");
        assertEqual("ddl_items", "id, name, qty, note", "column added");

        stack.mysql().execute("ALTER TABLE ddl_items RENAME COLUMN name TO label",
                "INSERT INTO ddl_items VALUES (5, 'fifth', 50, NULL)",
                "UPDATE ddl_items SET label = 'third, renamed' WHERE id = 3");
        // Rows 1, 2 and 4 were written before the rename and not changed since: their values must survive it.
        assertEqual("ddl_items", "id, label, qty, note", "column renamed");

        stack.mysql().execute("ALTER TABLE ddl_items CHANGE COLUMN qty quantity INT NOT NULL",
                "INSERT INTO ddl_items VALUES (6, 'sixth', 60, NULL)");
        assertEqual("ddl_items", "id, label, quantity, note", "column renamed with CHANGE");

        stack.mysql().execute("ALTER TABLE ddl_items MODIFY COLUMN quantity BIGINT NOT NULL",
                "INSERT INTO ddl_items VALUES (7, 'seventh', 9000000000, 'wide')");
        assertEqual("ddl_items", "id, label, quantity, note", "column widened");

        stack.mysql().execute("ALTER TABLE ddl_items DROP COLUMN note",
                "INSERT INTO ddl_items VALUES (8, 'eighth', 80)",
                "DELETE FROM ddl_items WHERE id = 2");
        assertEqual("ddl_items", "id, label, quantity", "column dropped");
    }

    @Test
    void tablesCreatedTruncatedDroppedAndCreatedAgain() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS ddl_events",
                "CREATE TABLE ddl_events (id INT PRIMARY KEY, kind VARCHAR(20) NOT NULL)",
                "INSERT INTO ddl_events VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        assertEqual("ddl_events", "id, kind", "table created");

        stack.mysql().execute("TRUNCATE TABLE ddl_events", "INSERT INTO ddl_events VALUES (10, 'after truncate')");
        assertEqual("ddl_events", "id, kind", "table truncated");

        stack.mysql().execute("INSERT INTO ddl_events VALUES (11, 'last before drop')", "DROP TABLE ddl_events");
        bystander("table dropped");
        Await.equal("ClickHouse table " + db + ".ddl_events dropped", List.of("0"),
                () -> stack.clickhouse().rows("SELECT count() FROM system.tables WHERE database = '" + db
                        + "' AND name = 'ddl_events'"), CATCH_UP);
        assertBystanderFlows();

        stack.mysql().execute("CREATE TABLE ddl_events (id BIGINT PRIMARY KEY, label VARCHAR(30) NULL, score DOUBLE NULL)",
                "INSERT INTO ddl_events VALUES (100, 'reborn', 1.5), (101, NULL, NULL)");
        assertEqual("ddl_events", "id, label, score", "table created again with another structure");
    }

    private static void assertEqual(String table, String columns, String step) throws Exception {
        bystander(step);
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("after '" + step + "': ClickHouse " + db + "." + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + db + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
        assertBystanderFlows();
    }

    private static synchronized void bystander(String step) throws Exception {
        bystanderRows++;
        stack.mysql().execute("INSERT INTO ddl_bystander VALUES (" + bystanderRows + ", '" + step + "')");
    }

    private static void assertBystanderFlows() throws Exception {
        List<String> expected = stack.mysql().rows("SELECT id, step FROM ddl_bystander ORDER BY id");
        Await.equal("the bystander table keeps flowing", expected,
                () -> stack.clickhouse().rows("SELECT id, step FROM " + db + ".ddl_bystander FINAL WHERE _deleted = 0"
                        + " ORDER BY id"), CATCH_UP);
    }
}
