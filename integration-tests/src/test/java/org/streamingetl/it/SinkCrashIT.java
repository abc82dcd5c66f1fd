package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

    /**
     * A static group member restarted within its session timeout gets the assignment cached for it, made for its old
     * subscription (KAFKA-12759): a table announced while the sink was down must still be read. The sink first
     * runs with a session timeout of 60 s, so that its restart surely comes before the group forgets it.
     */
    @Test
    void aTableCreatedWhileTheSinkIsDownIsReadAfterItsQuickRestart() throws Exception {
        Platform.run(Map.of("SINK_KAFKA_SESSION_TIMEOUT", "60s"), "services.sh", "restart", "clickhouse-sink");
        Stack.ready("CLICKHOUSE_SINK_URL");
        Platform.run("services.sh", "kill", "clickhouse-sink");
        // A new topic, never assigned to the killed member: its cached assignment cannot hold it.
        String table = "crash_down_" + Long.toString(System.currentTimeMillis(), 36);
        stack.mysql().execute(Workload.ddl(table));
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= 200; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", ").append(id).append(", 'r").append(id).append("')");
        }
        stack.mysql().execute("INSERT INTO " + table + " (id, v, s) VALUES " + rows);
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + stack.endpoints().get("MYSQL_DATABASE") + "." + table;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.endpoints().get("KAFKA_BOOTSTRAP")))) {
            Await.equal("topic " + topic + " exists", true,
                    () -> admin.listTopics().names().get().contains(topic), Duration.ofSeconds(60));
        }
        Platform.run("services.sh", "up");
        assertEqualsMySql(table);
        stack.mysql().execute("DROP TABLE " + table);
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
