package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rows as large as MySQL lets a user write reach ClickHouse byte for byte (5 MB and 30 MB, LONGTEXT and LONGBLOB,
 * inserted then updated); a row over the configured limit stops the connector with one clear line naming the table,
 * and raising the limit (a registrar restart) resumes at that row without losing anything.
 *
 * <p>The stack runs with the default limit (PIPELINE_MAX_ROW_BYTES = 64 MiB, as MySQL's max_allowed_packet), under
 * which no row MySQL accepts is too large. The over-limit case therefore restarts cdc-registrar with a 1 MiB limit
 * (records up to 3.7 MB), writes a 5 MB row, and restarts it with the default again, as an operator raising the
 * setting would. Its table is created while the limit is low, so its topic is created with the low limit too and the
 * registrar must raise it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigRowsIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final int MB = 1_000_000;
    private static Stack stack;
    private static String db;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
    }

    @Test
    @Order(1)
    void bigTextAndBinaryRowsArriveByteExactAfterInsertAndUpdate() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS big_text", "DROP TABLE IF EXISTS big_bin",
                "CREATE TABLE big_text (id INT PRIMARY KEY, body LONGTEXT) CHARACTER SET utf8mb4",
                "CREATE TABLE big_bin (id INT PRIMARY KEY, body LONGBLOB)",
                // MD5 hex (32 characters) repeated; random bytes in blocks of 1 KiB (RANDOM_BYTES' largest).
                "INSERT INTO big_text VALUES (1, REPEAT(MD5(RAND()), " + 5 * MB / 32 + ")),"
                        + " (2, REPEAT(MD5(RAND()), " + 30 * MB / 32 + "))",
                "INSERT INTO big_bin VALUES (1, REPEAT(RANDOM_BYTES(1024), " + 5 * MB / 1024 + ")),"
                        + " (2, REPEAT(RANDOM_BYTES(1024), " + 30 * MB / 1024 + "))");
        awaitSame("big_text", "after the inserts");
        awaitSame("big_bin", "after the inserts");

        // utf8mb4 (4-byte characters, JSON escapes) and fresh random bytes.
        stack.mysql().execute(
                "UPDATE big_text SET body = REPEAT(CONCAT('\"é😀\\\\\\n', MD5(RAND())), " + 5 * MB / 40 + ") WHERE id = 1",
                "UPDATE big_text SET body = REPEAT(CONCAT('ü✓😀', MD5(RAND())), " + 30 * MB / 42 + ") WHERE id = 2",
                "UPDATE big_bin SET body = REPEAT(RANDOM_BYTES(1000), " + 5 * MB / 1000 + ") WHERE id = 1",
                "UPDATE big_bin SET body = REPEAT(RANDOM_BYTES(1000), " + 30 * MB / 1000 + ") WHERE id = 2");
        awaitSame("big_text", "after the updates");
        awaitSame("big_bin", "after the updates");
    }

    @Test
    @Order(2)
    void aRowOverTheLimitIsNamedAndRaisingTheLimitResumesAtItWithoutLoss() throws Exception {
        String registrar = stack.endpoints().get("CDC_REGISTRAR_URL");
        stack.mysql().execute("DROP TABLE IF EXISTS big_over", "DROP TABLE IF EXISTS big_after");
        Platform.run(Map.of("PIPELINE_MAX_ROW_BYTES", Integer.toString(1024 * 1024),
                "REGISTRAR_CONNECTOR_SUPERVISE_INTERVAL", "2s"), "services.sh", "restart", "cdc-registrar");
        Health.awaitReady(registrar);
        try {
            stack.mysql().execute("CREATE TABLE big_over (id INT PRIMARY KEY, body LONGTEXT)",
                    "INSERT INTO big_over VALUES (1, 'small, before')",
                    "INSERT INTO big_over VALUES (2, REPEAT(MD5(RAND()), " + 5 * MB / 32 + "))",
                    "INSERT INTO big_over VALUES (3, 'small, after')");

            String readiness = Health.awaitReadiness(registrar, 503, "over the limit", CATCH_UP);
            assertTrue(readiness.contains("table " + db + ".big_over"), readiness);
            assertTrue(readiness.contains("max.request.size"), readiness);
            assertTrue(readiness.contains("PIPELINE_MAX_ROW_BYTES"), readiness);
            String status = Http.get(registrar + "/source/status");
            assertTrue(status.contains("table " + db + ".big_over") && status.contains("\"FAILED\""), status);
            // Not restarted blindly: the round that reported it would have restarted it (the count starts at 0).
            Thread.sleep(3_000);
            String metrics = Http.get(registrar + "/q/metrics");
            assertTrue(metrics.contains("registrar_restarts_total 0.0"), "no automatic restart of the task");
            Await.equal("the row before the big one arrived", List.of("1\tsmall, before"),
                    () -> stack.clickhouse().rows("SELECT id, body FROM " + db + ".big_over FINAL WHERE _deleted = 0"),
                    CATCH_UP);
        } finally {
            // The way out: the default (bigger) limit, and a registrar restart.
            Platform.run("services.sh", "restart", "cdc-registrar");
        }
        Health.awaitReadiness(registrar, 200, "UP", CATCH_UP);
        awaitSame("big_over", "after the limit was raised");
        assertEquals(List.of("1", "2", "3"), stack.clickhouse().rows(
                "SELECT id FROM " + db + ".big_over FINAL WHERE _deleted = 0 ORDER BY id"));

        stack.mysql().execute("CREATE TABLE big_after (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO big_after VALUES (1, 'flows')");
        Await.equal("a table created afterwards flows", List.of("1\tflows"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + db + ".big_after FINAL WHERE _deleted = 0"),
                CATCH_UP);
    }

    /** Waits until ClickHouse holds the same rows as MySQL: id, length and MD5 of every body. */
    private static void awaitSame(String table, String when) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT id, LENGTH(body), MD5(body) FROM " + table + " ORDER BY id");
        assertTrue(expected.size() > 0, table + " has rows in MySQL");
        Await.equal(table + " in ClickHouse equals MySQL byte for byte " + when, expected,
                () -> stack.clickhouse().rows("SELECT id, length(body), lower(hex(MD5(body))) FROM " + db + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }
}
