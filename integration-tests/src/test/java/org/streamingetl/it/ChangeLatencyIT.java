package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change's latency over each hop (MySQL commit → Kafka → ClickHouse) shows in the sink's histogram
 * {@code pipeline_change_latency_seconds} for its table, with p50/p90/p99, at {@code /q/metrics}.
 */
class ChangeLatencyIT {

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void aRowsLatencyShowsInTheHistogramOfItsTable() throws Exception {
        String database = stack.endpoints().get("MYSQL_DATABASE");
        String sink = stack.endpoints().get("CLICKHOUSE_SINK_URL");
        String table = database + ".latency_probe";
        stack.mysql().execute("DROP TABLE IF EXISTS latency_probe", "CREATE TABLE latency_probe (id INT PRIMARY KEY, v INT)",
                "INSERT INTO latency_probe VALUES (1, 1)");
        Await.equal("the row is in ClickHouse", List.of("1\t1"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + table + " FINAL WHERE _deleted = 0"),
                Duration.ofSeconds(60));
        // Both changes are streamed (the table is newer than the connector's snapshot), so both have a commit time.
        stack.mysql().execute("UPDATE latency_probe SET v = 2 WHERE id = 1");
        for (String hop : List.of("source_to_kafka", "kafka_to_clickhouse", "source_to_clickhouse")) {
            Await.equal(hop + " counts the insert and the update", true,
                    () -> count(Http.get(sink + "/q/metrics"), table, hop) >= 2, Duration.ofSeconds(60));
        }
        String metrics = Http.get(sink + "/q/metrics");
        for (String hop : List.of("source_to_kafka", "kafka_to_clickhouse", "source_to_clickhouse")) {
            for (String quantile : List.of("0.5", "0.9", "0.99")) {
                assertTrue(Pattern.compile("pipeline_change_latency_seconds\\{[^}]*hop=\"" + hop + "\"[^}]*table=\""
                        + Pattern.quote(table) + "\"[^}]*quantile=\"" + quantile + "\"} [0-9.E]+").matcher(metrics).find(),
                        hop + " p" + quantile + " of " + table + " in /q/metrics");
            }
        }
        assertTrue(metrics.contains("pipeline_clock_skew_seconds{hop=\"source_to_kafka\"}"), "the skew gauge is exported");
    }

    /** The histogram's count for the table and hop, 0 when absent. */
    private static double count(String metrics, String table, String hop) {
        Matcher m = Pattern.compile("pipeline_change_latency_seconds_count\\{hop=\"" + hop + "\",table=\""
                + Pattern.quote(table) + "\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
