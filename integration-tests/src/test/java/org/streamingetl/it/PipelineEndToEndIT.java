package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
    private static Endpoints endpoints;
    private static MySql mysql;
    private static ClickHouse clickhouse;

    @BeforeAll
    static void stackIsReady() throws Exception {
        endpoints = Endpoints.load();
        mysql = new MySql(endpoints);
        clickhouse = new ClickHouse(endpoints);
        awaitServicesReady(endpoints);
    }

    /** Waits until the three services report ready. */
    static void awaitServicesReady(Endpoints endpoints) throws Exception {
        awaitServicesReady(endpoints, "CDC_REGISTRAR_URL", "ENRICHER_GATEWAY_URL", "CLICKHOUSE_SINK_URL");
    }

    /** Waits until the named services ({@code CDC_REGISTRAR_URL}, ...) report ready. */
    static void awaitServicesReady(Endpoints endpoints, String... services) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : services) {
            String url = endpoints.get(service) + "/q/health/ready";
            Await.equal(service + " ready at " + url, 200, () -> http.send(HttpRequest.newBuilder(URI.create(url))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(), Duration.ofSeconds(120));
        }
    }

    @Test
    void insertsUpdatesAndDeletesReachClickHouse() throws Exception {
        mysql.execute("DROP TABLE IF EXISTS e2e_orders",
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

        mysql.execute("INSERT INTO e2e_orders VALUES (5, 'after the first check', 0.01, '2000-02-29 00:00:00.5', 5)",
                "UPDATE e2e_orders SET created_at = '2024-01-02 03:04:05.000001' WHERE id = 3",
                "DELETE FROM e2e_orders WHERE id = 2");
        assertClickHouseEqualsMySql("e2e_orders");
    }

    @Test
    void readinessOfEveryServiceIsUpWhenItsDependenciesAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : List.of("CDC_REGISTRAR_URL", "ENRICHER_GATEWAY_URL", "CLICKHOUSE_SINK_URL")) {
            for (String path : List.of("/q/health/live", "/q/health/ready")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoints.get(service) + path))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), service + path + ": " + response.body());
                assertTrue(response.body().contains("\"status\": \"UP\""), response.body());
            }
        }
    }

    private static void assertClickHouseEqualsMySql(String table) throws Exception {
        String columns = "id, customer, amount, created_at, qty";
        List<String> expected = mysql.rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("ClickHouse " + endpoints.get("MYSQL_DATABASE") + "." + table + " FINAL equals MySQL", expected,
                () -> clickhouse.rows("SELECT " + columns + " FROM " + endpoints.get("MYSQL_DATABASE") + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }
}
