package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cdc-registrar's operations API on the real stack: mutating calls need the token, pause and resume hold and release
 * the changes, and a re-snapshot re-emits a table's rows, interleaved with changes made while it runs.
 */
class RegistrarOperationsIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static Stack stack;
    private static String db;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        db = stack.endpoints().get("MYSQL_DATABASE");
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return Http.post(stack.endpoints().get("CDC_REGISTRAR_URL") + path, token, body);
    }

    private static String status() throws Exception {
        return Http.get(stack.endpoints().get("CDC_REGISTRAR_URL") + "/source/status");
    }

    private static String token() {
        return stack.endpoints().get("REGISTRAR_API_TOKEN");
    }

    @Test
    void operationsWithoutTheRightTokenAreRefused() throws Exception {
        for (String path : List.of("/source/pause", "/source/resume", "/source/restart", "/source/snapshot")) {
            HttpResponse<String> none = post(path, null, "{}");
            assertEquals(401, none.statusCode(), path + ": " + none.body());
            assertTrue(none.body().contains("Authorization: Bearer"), none.body());
            HttpResponse<String> wrong = post(path, token() + "x", "{}");
            assertEquals(401, wrong.statusCode(), path + ": " + wrong.body());
            assertTrue(wrong.body().contains("wrong API token"), wrong.body());
        }
        assertTrue(status().contains("\"state\":\"RUNNING\""), "nothing was paused: " + status());
    }

    @Test
    void theOperationsAreDescribedByTheOpenApiDocument() throws Exception {
        String openapi = Http.get(stack.endpoints().get("CDC_REGISTRAR_URL") + "/q/openapi");
        for (String path : List.of("/source/status", "/source/pause", "/source/resume", "/source/restart",
                "/source/snapshot")) {
            assertTrue(openapi.contains(path + ":"), path + " in /q/openapi");
        }
        assertTrue(openapi.contains("scheme: bearer"), "the token is described");
    }

    @Test
    void pauseHoldsTheChangesAndResumeReleasesThem() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS ops_paused", "CREATE TABLE ops_paused (id INT PRIMARY KEY)",
                "INSERT INTO ops_paused VALUES (1)");
        awaitClickHouseEqualsMySql("ops_paused", "id");

        HttpResponse<String> paused = post("/source/pause", token(), "");
        assertEquals(202, paused.statusCode(), paused.body());
        Await.equal("the connector reports PAUSED", true, () -> status().contains("\"state\":\"PAUSED\""), CATCH_UP);
        stack.mysql().execute("INSERT INTO ops_paused VALUES (2)");
        Thread.sleep(3000);
        assertEquals(List.of("1"), stack.clickhouse().rows("SELECT id FROM " + db + ".ops_paused FINAL ORDER BY id"),
                "a paused connector holds the change in the binlog");

        HttpResponse<String> resumed = post("/source/resume", token(), "");
        assertEquals(202, resumed.statusCode(), resumed.body());
        awaitClickHouseEqualsMySql("ops_paused", "id");
        Await.equal("the connector reports RUNNING", true, () -> status().contains("\"state\":\"RUNNING\""), CATCH_UP);
    }

    @Test
    void aReSnapshotReEmitsTheRowsInterleavedWithLiveChanges() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS ops_snap",
                "CREATE TABLE ops_snap (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                // MariaDB's sequence engine: seq_1_to_5000 holds 1 .. 5000
                "INSERT INTO ops_snap SELECT seq, CONCAT('v', seq) FROM seq_1_to_5000");
        awaitClickHouseEqualsMySql("ops_snap", "id, v");
        // Lose the ClickHouse copy, as after a mistake there; only a re-snapshot brings the rows back.
        stack.clickhouse().execute("TRUNCATE TABLE " + db + ".ops_snap");
        assertEquals(List.of("0"), stack.clickhouse().rows("SELECT count() FROM " + db + ".ops_snap"));

        HttpResponse<String> bad = post("/source/snapshot", token(), "{\"tables\": [\"" + db + ".no_such_table\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        HttpResponse<String> requested = post("/source/snapshot", token(), "{\"tables\": [\"" + db + ".ops_snap\"]}");
        assertEquals(202, requested.statusCode(), requested.body());
        // Changes while the snapshot runs: the final state must have them, whatever the chunk order.
        stack.mysql().execute("UPDATE ops_snap SET v = 'changed' WHERE id IN (1, 2500, 5000)",
                "DELETE FROM ops_snap WHERE id = 4999", "INSERT INTO ops_snap VALUES (5001, 'new')");
        awaitClickHouseEqualsMySql("ops_snap", "id, v");
        Await.equal("GET /source/status shows the snapshot completed with its rows", true,
                () -> status().matches("(?s).*\"" + db + "\\.ops_snap\":\\{\"kind\":\"incremental\",\"state\":\"COMPLETED\""
                        + ".*\"rowsScanned\":\\d+.*"), CATCH_UP);
    }

    private static void awaitClickHouseEqualsMySql(String table, String columns) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("ClickHouse " + db + "." + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + db + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }
}
