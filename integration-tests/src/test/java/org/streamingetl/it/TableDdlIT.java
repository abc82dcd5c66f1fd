package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Table-level DDL keeps ClickHouse equal to MySQL: RENAME TABLE (single, several in one statement, and the table swap
 * of an online schema change while the table keeps changing), DROP/TRUNCATE/EXCHANGE PARTITION (rows removed or
 * moved without row events: cdc-registrar re-sends the table and the sink removes what MySQL lost), CREATE TABLE
 * ... LIKE and ... AS SELECT; a table created afterwards keeps flowing.
 */
class TableDdlIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static Stack stack;
    private static String db;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
    }

    @Test
    void renamedTablesKeepTheirRowsUnderTheNewName() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS tr_a, tr_b, tr_c, tr_d, tr_e",
                "CREATE TABLE tr_a (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "CREATE TABLE tr_c (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO tr_a VALUES (1, 'a1'), (2, 'a2')", "INSERT INTO tr_c VALUES (1, 'c1')");
        assertEqual("tr_a", "created");
        assertEqual("tr_c", "created");

        stack.mysql().execute("RENAME TABLE tr_a TO tr_b", "INSERT INTO tr_b VALUES (3, 'b3')",
                "UPDATE tr_b SET v = 'b1' WHERE id = 1");
        assertEqual("tr_b", "RENAME TABLE tr_a TO tr_b");
        assertGone("tr_a");

        stack.mysql().execute("RENAME TABLE tr_b TO tr_d, tr_c TO tr_b", "DELETE FROM tr_d WHERE id = 2");
        assertEqual("tr_d", "RENAME TABLE tr_b TO tr_d, tr_c TO tr_b");
        assertEqual("tr_b", "RENAME TABLE tr_b TO tr_d, tr_c TO tr_b (the name taken over)");

        stack.mysql().execute("ALTER TABLE tr_d RENAME TO tr_e", "INSERT INTO tr_e VALUES (4, 'e4')");
        assertEqual("tr_e", "ALTER TABLE tr_d RENAME TO tr_e");
        assertGone("tr_d");
    }

    /**
     * pt-online-schema-change's way: a shadow table with the new structure, triggers copying every change into it,
     * the rows copied in chunks, then one RENAME TABLE swapping it in — all while the table keeps changing.
     */
    @Test
    void onlineSchemaChangeSwapWhileTheTableChanges() throws Exception {
        String t = db + ".osc_t";
        String shadow = db + "._osc_t_new";
        stack.mysql().execute("DROP TABLE IF EXISTS osc_t, _osc_t_new, _osc_t_old", Workload.ddl("osc_t"));
        Workload load = new Workload(stack.mysql(), "osc_t", 3_000, 200);
        Thread writer = new Thread(load, "osc-load");
        writer.start();
        while (load.done() < 300 && writer.isAlive()) {
            Thread.sleep(50);
        }
        stack.mysql().executeAsAdmin("CREATE TABLE " + shadow + " LIKE " + t,
                "ALTER TABLE " + shadow + " MODIFY s VARCHAR(80) NULL",
                "CREATE TRIGGER " + db + ".osc_ins AFTER INSERT ON " + t + " FOR EACH ROW REPLACE INTO " + shadow
                        + " (id, v, s) VALUES (NEW.id, NEW.v, NEW.s)",
                "CREATE TRIGGER " + db + ".osc_upd AFTER UPDATE ON " + t + " FOR EACH ROW BEGIN DELETE IGNORE FROM "
                        + shadow + " WHERE NOT (OLD.id <=> NEW.id) AND id <=> OLD.id; REPLACE INTO " + shadow
                        + " (id, v, s) VALUES (NEW.id, NEW.v, NEW.s); END",
                "CREATE TRIGGER " + db + ".osc_del AFTER DELETE ON " + t + " FOR EACH ROW DELETE IGNORE FROM " + shadow
                        + " WHERE id <=> OLD.id");
        // The rows are copied in chunks of keys, as the tool does; moved keys live above 1,000,000 (Workload).
        int top = Integer.parseInt(stack.mysql().rows("SELECT COALESCE(MAX(id), 0) FROM osc_t WHERE id < 1000000")
                .get(0)) + 200;
        for (int from = 0; from < top; from += 200) {
            copy(t, shadow, from, from + 200);
        }
        copy(t, shadow, 1_000_000, 2_000_000);
        stack.mysql().executeAsAdmin("RENAME TABLE " + t + " TO " + db + "._osc_t_old, " + shadow + " TO " + t,
                "DROP TRIGGER " + db + ".osc_ins", "DROP TRIGGER " + db + ".osc_upd", "DROP TRIGGER " + db + ".osc_del");
        while (load.done() < 1_500 && writer.isAlive()) {
            Thread.sleep(50);
        }
        stack.mysql().executeAsAdmin("DROP TABLE " + db + "._osc_t_old");
        writer.join();
        assertNull(load.failure(), () -> "the load failed: " + load.failure());
        assertTrue(load.done() == 3_000, "every change was made");
        assertEqual("osc_t", "id, v, s", "online schema change swap under load");
        assertGone("_osc_t_new");
        assertGone("_osc_t_old");
    }

    /**
     * A table created, filled and renamed away while cdc-registrar is down (as the shadow table of an online schema
     * change can be, before a busy registrar reads its CREATE): it is never announced, yet its topic holds changes the
     * sink reads. Its removal must be announced, or the sink waits for that table's structure for ever and its audit
     * keeps it not ready.
     */
    @Test
    void aTableGoneBeforeTheRegistrarSawItLeavesNothingWaiting() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS gone_new, gone_final");
        String ready = stack.endpoints().get("CLICKHOUSE_SINK_URL") + "/q/health/ready";
        Platform.run("services.sh", "stop", "cdc-registrar");
        try {
            stack.mysql().execute("CREATE TABLE gone_new (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                    "INSERT INTO gone_new VALUES (1, 'n1'), (2, 'n2'), (3, 'n3')",
                    "RENAME TABLE gone_new TO gone_final", "INSERT INTO gone_final VALUES (4, 'f4')");
            // The sink reads the changes of gone_new, and no announcement explains them yet.
            Await.equal("the sink reads gone_new's changes and waits for its structure", true,
                    () -> Http.getResponse(ready).body().contains("gone_new\": \"WAITING_FOR_SCHEMA"),
                    Duration.ofSeconds(60));
        } finally {
            Platform.run("services.sh", "restart", "cdc-registrar");
        }
        assertEqual("gone_final", "a table created and renamed while the registrar was down");
        Await.equal("the sink passes over gone_new's changes: its table is DROPPED, not waiting", true,
                () -> Http.getResponse(ready).body().contains("gone_new\": \"DROPPED"), CATCH_UP);
        assertGone("gone_new");
    }

    private static void copy(String table, String shadow, int from, int to) throws Exception {
        stack.mysql().executeAsAdmin("INSERT LOW_PRIORITY IGNORE INTO " + shadow + " (id, v, s) SELECT id, v, s FROM "
                + table + " WHERE id >= " + from + " AND id < " + to + " LOCK IN SHARE MODE");
    }

    @Test
    void partitionStatementsRemoveAndMoveRows() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS tp_range, tp_swap",
                "CREATE TABLE tp_range (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL) PARTITION BY RANGE (id) ("
                        + "PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20), "
                        + "PARTITION p2 VALUES LESS THAN MAXVALUE)",
                "CREATE TABLE tp_swap (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO tp_range VALUES (1, 'p0'), (2, 'p0'), (11, 'p1'), (12, 'p1'), (21, 'p2'), (22, 'p2')",
                "INSERT INTO tp_swap VALUES (5, 'swapped in'), (6, 'swapped in')");
        assertEqual("tp_range", "created");
        assertEqual("tp_swap", "created");

        stack.mysql().execute("ALTER TABLE tp_range DROP PARTITION p1", "INSERT INTO tp_range VALUES (13, 'after drop')");
        assertEqual("tp_range", "DROP PARTITION");

        stack.mysql().execute("ALTER TABLE tp_range TRUNCATE PARTITION p2", "UPDATE tp_range SET v = 'kept' WHERE id = 1");
        assertEqual("tp_range", "TRUNCATE PARTITION");

        stack.mysql().execute("ALTER TABLE tp_range EXCHANGE PARTITION p0 WITH TABLE tp_swap");
        assertEqual("tp_range", "EXCHANGE PARTITION (partitioned side)");
        assertEqual("tp_swap", "EXCHANGE PARTITION (table side)");
    }

    @Test
    void aTableDroppedAndCreatedAgainAtOnceLosesItsOldRows() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS td_again", "CREATE TABLE td_again (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO td_again VALUES (1, 'old'), (2, 'old'), (3, 'old')");
        assertEqual("td_again", "created");
        stack.mysql().execute("DROP TABLE td_again", "CREATE TABLE td_again (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO td_again VALUES (3, 'new'), (4, 'new')");
        assertEqual("td_again", "DROP TABLE and CREATE TABLE of the same name at once");
    }

    @Test
    void tablesCreatedLikeAndAsSelect() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS tc_src, tc_like, tc_copy",
                "CREATE TABLE tc_src (id INT PRIMARY KEY, v DECIMAL(10,2) NULL, at DATETIME(6) NULL)",
                "INSERT INTO tc_src VALUES (1, 1.50, '2026-12-03 10:00:00.123456'), (2, NULL, NULL)",
                "CREATE TABLE tc_like LIKE tc_src", "INSERT INTO tc_like SELECT * FROM tc_src WHERE id = 2",
                "CREATE TABLE tc_copy (PRIMARY KEY (id)) AS SELECT * FROM tc_src");
        assertEqual("tc_like", "id, v, at", "CREATE TABLE ... LIKE");
        assertEqual("tc_copy", "id, v, at", "CREATE TABLE ... AS SELECT");
        stack.mysql().execute("UPDATE tc_copy SET v = 9.99 WHERE id = 1");
        assertEqual("tc_copy", "id, v, at", "a change after CREATE TABLE ... AS SELECT");

        stack.mysql().execute("DROP TABLE IF EXISTS tc_after",
                "CREATE TABLE tc_after (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO tc_after VALUES (1, 'still flowing')");
        assertEqual("tc_after", "a table created after the table-level DDL");
    }

    private static void assertEqual(String table, String step) throws Exception {
        assertEqual(table, "id, v", step);
    }

    private static void assertEqual(String table, String columns, String step) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("after '" + step + "': ClickHouse " + db + "." + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + db + ".`" + table
                        + "` FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }

    private static void assertGone(String table) throws Exception {
        Await.equal("ClickHouse table " + db + "." + table + " is gone, as in MySQL", List.of("0"),
                () -> stack.clickhouse().rows("SELECT count() FROM system.tables WHERE database = '" + db
                        + "' AND name = '" + table + "'"), CATCH_UP);
    }
}
