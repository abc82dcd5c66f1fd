package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end on the real stack: rows written to MariaDB appear in ClickHouse, and the current
 * state {@code FINAL WHERE _deleted = 0} equals the MySQL table after inserts, updates and deletes.
 */
class PipelineEndToEndIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void insertsUpdatesAndDeletesReachClickHouse() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS e2e_orders",
                "CREATE TABLE e2e_orders (id BIGINT PRIMARY KEY, customer VARCHAR(100) CHARACTER SET utf8mb4 NULL, "
                        + "amount DECIMAL(12,2) NULL, created_at DATETIME(6) NULL, qty INT NOT NULL)",
                "INSERT INTO e2e_orders VALUES (1, 'Ada', 12.50, '2024-01-02 03:04:05.123456', 1)",
                "INSERT INTO e2e_orders VALUES (2, NULL, NULL, NULL, 2)",
                "INSERT INTO e2e_orders VALUES (3, 'Zoë 🚀 — ünïcödé', -99999.99, '1969-12-31 23:59:59.999999', 3)",
                "INSERT INTO e2e_orders VALUES (4, 'to be deleted', 1.00, '2030-06-30 12:00:00.000001', 4)",
                "UPDATE e2e_orders SET customer = 'Ada Lovelace', amount = 13.75 WHERE id = 1",
                "UPDATE e2e_orders SET qty = 20 WHERE id = 2",
                "DELETE FROM e2e_orders WHERE id = 4");
        assertClickHouseEqualsMySql("e2e_orders");

        stack.mysql().execute("INSERT INTO e2e_orders VALUES (5, 'after the first check', 0.01, '2000-02-29 00:00:00.5', 5)",
                "UPDATE e2e_orders SET created_at = '2024-01-02 03:04:05.000001' WHERE id = 3",
                "DELETE FROM e2e_orders WHERE id = 2");
        assertClickHouseEqualsMySql("e2e_orders");
    }

    /** The table contract for a table without a primary key: every change is a row of its own, never collapsed. */
    @Test
    void aTableWithoutPrimaryKeyIsAnAppendOnlyChangeLog() throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        stack.mysql().execute("DROP TABLE IF EXISTS e2e_nopk_log",
                "CREATE TABLE e2e_nopk_log (a INT NOT NULL, b VARCHAR(10) NULL)",
                "INSERT INTO e2e_nopk_log VALUES (1, 'x'), (1, 'x')",
                "UPDATE e2e_nopk_log SET b = 'y'",
                "DELETE FROM e2e_nopk_log LIMIT 1");
        // Two identical inserts, two updates, one delete: five changes, in commit order.
        Await.equal("ClickHouse " + db + ".e2e_nopk_log holds each change as a row", List.of(
                        "1\tx\t0", "1\tx\t0", "1\ty\t0", "1\ty\t0", "1\ty\t1"),
                () -> stack.clickhouse().rows("SELECT a, b, _deleted FROM " + db + ".e2e_nopk_log FINAL ORDER BY _version"),
                CATCH_UP);
        List<String> engine = stack.clickhouse().rows("SELECT sorting_key FROM system.tables WHERE database = '" + db
                + "' AND name = 'e2e_nopk_log'");
        assertEquals(List.of("_version"), engine);
    }

    @Test
    void theSinkPublishesItsMetrics() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS e2e_metrics", "CREATE TABLE e2e_metrics (id INT PRIMARY KEY)",
                "INSERT INTO e2e_metrics VALUES (1), (2), (3)");
        String db = stack.endpoints().get("MYSQL_DATABASE");
        Await.equal("rows in ClickHouse", List.of("3"),
                () -> stack.clickhouse().rows("SELECT count() FROM " + db + ".e2e_metrics FINAL"), CATCH_UP);
        String table = "table=\"" + db + ".e2e_metrics\"";
        // The sink counts a batch once it has committed its offsets, a moment after ClickHouse shows the rows.
        Await.equal("rows written of the table in /q/metrics", true,
                () -> metrics().contains("sink_rows_written_total{" + table + "} 3.0"), Duration.ofSeconds(10));
        String body = metrics();
        for (String meter : List.of("sink_bytes_written_total{" + table, "sink_batch_rows_count{" + table,
                "sink_insert_latency_seconds_count{" + table, "sink_consumer_lag{", "sink_tables_halted ")) {
            assertTrue(body.contains(meter), meter + " in /q/metrics");
        }
        // Each insert is named after the records it holds, in ClickHouse's query log (flushed every 3 s locally).
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + ".e2e_metrics";
        Await.equal("the sink's insert of " + topic + " named in system.query_log", true,
                () -> !stack.clickhouse().rows("SELECT query_id FROM system.query_log WHERE query_id LIKE 'sink:"
                        + topic + "-0@%' AND toUInt8(type) = 2").isEmpty(), Duration.ofSeconds(20));
    }

    @Test
    void readinessOfEveryServiceIsUpWhenItsDependenciesAnswer() throws Exception {
        for (String service : List.of("CDC_REGISTRAR_URL", "ENRICHER_GATEWAY_URL", "CLICKHOUSE_SINK_URL")) {
            for (String path : List.of("/q/health/live", "/q/health/ready")) {
                HttpResponse<String> response = Http.getResponse(stack.endpoints().get(service) + path);
                assertEquals(200, response.statusCode(), service + path + ": " + response.body());
                assertTrue(response.body().contains("\"status\": \"UP\""), response.body());
            }
        }
    }

    private static void assertClickHouseEqualsMySql(String table) throws Exception {
        String columns = "id, customer, amount, created_at, qty";
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("ClickHouse " + stack.endpoints().get("MYSQL_DATABASE") + "." + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + stack.endpoints().get("MYSQL_DATABASE") + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }

    private static String metrics() throws Exception {
        HttpResponse<String> metrics = Http.getResponse(stack.endpoints().get("CLICKHOUSE_SINK_URL") + "/q/metrics");
        assertEquals(200, metrics.statusCode());
        return metrics.body();
    }
}
