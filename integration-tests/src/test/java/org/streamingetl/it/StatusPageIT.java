package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The status page ({@code STATUS_URL}) in a real browser (headless Chromium): opened once, it shows by itself a table
 * created afterwards in MySQL with its rows written, its drift check, the latency plot, and then the table's halt
 * on a malformed record (state, error, problem list). Saves target/status-page.png. Runs late: it halts a table for
 * a moment (and resumes it, skipping the bad record, which stays in the dead-letter topic).
 */
@Order(Integer.MAX_VALUE - 1)
class StatusPageIT {

    private static final Duration PIPELINE = Duration.ofSeconds(90);

    @Test
    void thePageShowsANewTableItsRowsItsDriftCheckAndItsHalt() throws Exception {
        Stack stack = Stack.ready();
        String database = stack.endpoints().get("MYSQL_DATABASE");
        String name = "status_probe_" + System.currentTimeMillis() % 1_000_000;
        String table = database + "." + name;
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + table;
        String row = "#tables tr[data-table='" + table + "'][data-sink='clickhouse-sink'] ";

        try (HeadlessChromium browser = new HeadlessChromium(1280, 1400)) {
            browser.open(stack.endpoints().get("STATUS_URL"));
            browser.await("the page shows the connector", PIPELINE, b -> "RUNNING".equals(b.text("#source .state")));

            // Created after the page was opened: it must appear without a reload.
            stack.mysql().execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO " + name + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            browser.await(table + " with 3 rows written", PIPELINE, b -> "3".equals(b.text(row + "td.rows")));
            assertEquals("RUNNING", browser.text(row + "td.state"));
            assertEquals("source", browser.text(row + "td.kind"));

            var started = Http.post(stack.endpoints().get("CDC_REGISTRAR_URL") + "/source/verify",
                    stack.endpoints().get("REGISTRAR_API_TOKEN"), "{\"tables\": [\"" + table + "\"]}");
            assertEquals(202, started.statusCode(), started.body());
            browser.await("the drift check of " + table + " shows EQUAL", Duration.ofSeconds(180),
                    b -> String.valueOf(b.text(row + "td.drift")).startsWith("EQUAL, 3 rows"));

            browser.await("the latency plot has the writes' kafka_to_clickhouse latency", Duration.ofSeconds(60),
                    b -> b.count("#latency path.hop-kafka_to_clickhouse.p50") == 1);

            try {
                PoisonRecord.send(stack, topic);
                browser.await(table + " halted with its error", PIPELINE, b -> "HALTED".equals(b.text(row + "td.state")));
                assertTrue(browser.text(row + "td.error").contains("malformed record"), browser.text(row + "td.error"));
                browser.await("the halt in the problem list", Duration.ofSeconds(30),
                        b -> String.valueOf(b.text("#problems")).contains("table " + table + " (clickhouse-sink): HALTED"));
                browser.screenshot(Path.of("target", "status-page.png"));
            } finally {
                PoisonRecord.resume(stack, topic);
            }
            browser.await("the resumed table runs again", PIPELINE, b -> "RUNNING".equals(b.text(row + "td.state")));
        } finally {
            stack.mysql().execute("DROP TABLE IF EXISTS " + name);
        }
    }
}
