package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrichments on the embedded Kafka Streams engine, end to end: after each step, the enriched table in ClickHouse
 * ({@code enriched.<name> FINAL WHERE _deleted = 0}) equals the same join run in MySQL. The definitions are in
 * src/test/resources/enrichments-it.yaml.
 */
class EnrichmentIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String LEFT = "SELECT o.id, o.customer_id, o.amount, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s.%f'), "
            + "c.name, c.country FROM it_orders o LEFT JOIN it_customers c ON o.customer_id = c.id ORDER BY o.id";
    private static final String INNER = "SELECT o.id, o.amount, c.name FROM it_orders o JOIN it_customers c "
            + "ON o.customer_id = c.id WHERE o.amount > 0 ORDER BY o.id";
    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void enrichedTablesFollowEveryChangeOfEitherSide() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS it_orders", "DROP TABLE IF EXISTS it_customers",
                "CREATE TABLE it_customers (id INT PRIMARY KEY, name VARCHAR(100), country CHAR(2))",
                "CREATE TABLE it_orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), created_at DATETIME(6))",
                "INSERT INTO it_customers VALUES (1, 'Ada', 'GB'), (2, 'Grace', 'US'), (3, 'Linus', 'FI')",
                "INSERT INTO it_orders VALUES (10, 1, 12.50, '2024-01-02 03:04:05.123456'), "
                        + "(11, 2, 99.99, '2024-02-29 12:00:00.000001'), (12, 2, 0.00, '2024-03-01 00:00:00'), "
                        + "(13, 3, 5.00, '2024-03-02 00:00:00')");
        assertEnrichedEqualsMySql("inserts");

        stack.mysql().execute("UPDATE it_customers SET name = 'Grace Hopper' WHERE id = 2");
        assertEnrichedEqualsMySql("a customer renamed");

        stack.mysql().execute("DELETE FROM it_orders WHERE id = 10");
        assertEnrichedEqualsMySql("an order deleted");

        stack.mysql().execute("DELETE FROM it_customers WHERE id = 3");
        assertEnrichedEqualsMySql("a customer deleted");

        stack.mysql().execute("INSERT INTO it_orders VALUES (14, 42, 1.00, '2024-04-01 00:00:00')");
        assertEnrichedEqualsMySql("an order of an unknown customer");

        stack.mysql().execute("INSERT INTO it_customers VALUES (42, 'Late', 'DE')", "UPDATE it_orders SET amount = 7.5 WHERE id = 12");
        assertEnrichedEqualsMySql("the customer arrives later; an amount turns positive");

        String gateway = stack.endpoints().get("ENRICHER_GATEWAY_URL");
        String enrichments = Http.get(gateway + "/enrichments");
        assertTrue(enrichments.contains("\"name\":\"it_orders_left\",\"engine\":\"streams\",\"state\":\"RUNNING\""),
                enrichments);
        assertTrue(enrichments.contains("\"outputTopic\":\"streaming_etl.enriched.it_orders_inner\""), enrichments);
        Await.equal("per-enrichment metrics", true, () -> Http.get(gateway + "/q/metrics")
                .contains("enricher_enrichment_running{enrichment=\"it_orders_left\"} 1.0"), CATCH_UP);
    }

    private static void assertEnrichedEqualsMySql(String step) throws Exception {
        List<String> left = stack.mysql().rows(LEFT);
        Await.equal("after '" + step + "': enriched.it_orders_left equals the LEFT JOIN in MySQL", left,
                () -> stack.clickhouse().rows("SELECT order_id, customer_id, amount, created_at, customer_name, country "
                        + "FROM enriched.it_orders_left FINAL WHERE _deleted = 0 ORDER BY order_id"), CATCH_UP);
        List<String> inner = stack.mysql().rows(INNER);
        Await.equal("after '" + step + "': enriched.it_orders_inner equals the JOIN in MySQL", inner,
                () -> stack.clickhouse().rows("SELECT order_id, amount, customer_name FROM enriched.it_orders_inner "
                        + "FINAL WHERE _deleted = 0 ORDER BY order_id"), CATCH_UP);
    }
}
