package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash safety on the real stack: the sink is killed with SIGKILL while changes stream in, and ClickHouse is
 * stopped under load; afterwards ClickHouse's current state equals MySQL's — nothing lost, nothing visible twice.
 */
class SinkCrashIT {

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void killingTheSinkMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS crash_kill", Workload.ddl("crash_kill"));
        Workload workload = new Workload(stack.mysql(), "crash_kill", 3000, 400);
        Thread writer = new Thread(workload, "workload");
        writer.start();
        Thread.sleep(2500);
        Platform.run("services.sh", "kill", "clickhouse-sink");
        Thread.sleep(1500);
        Platform.run("services.sh", "up");
        Thread.sleep(1000);
        Platform.run("services.sh", "kill", "clickhouse-sink");
        Platform.run("services.sh", "up");
        writer.join();
        assertNull(workload.failure(), "the workload itself failed");
        assertEqualsMySql("crash_kill");
    }

    @Test
    void clickHouseDownUnderLoadIsWaitedOutAndReportedNotReady() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS crash_clickhouse", Workload.ddl("crash_clickhouse"));
        Workload workload = new Workload(stack.mysql(), "crash_clickhouse", 3000, 300);
        Thread writer = new Thread(workload, "workload");
        writer.start();
        Thread.sleep(2000);
        Platform.run("stack.sh", "stop", "clickhouse");
        try {
            String readiness = Health.awaitReadiness(stack.endpoints().get("CLICKHOUSE_SINK_URL"), 503, "clickhouse",
                    Duration.ofSeconds(30));
            assertTrue(readiness.contains("DOWN"), readiness);
            Thread.sleep(5000);
        } finally {
            Platform.run("stack.sh", "up");
        }
        writer.join();
        assertNull(workload.failure(), "the workload itself failed");
        assertEqualsMySql("crash_clickhouse");
        Stack.ready();
    }

    private static void assertEqualsMySql(String table) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT id, v, s FROM " + table + " ORDER BY id");
        assertTrue(expected.size() > 100, "the workload wrote rows");
        Await.equal("ClickHouse " + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT id, v, s FROM " + stack.endpoints().get("MYSQL_DATABASE") + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), Duration.ofSeconds(120));
    }
}
