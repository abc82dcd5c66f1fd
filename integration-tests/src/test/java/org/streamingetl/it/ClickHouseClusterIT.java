package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse cluster (README, "ClickHouse cluster") on a stack started with {@code CLICKHOUSE_REPLICAS=2}:
 * tables are Replicated on every replica, rows and DDL reach every replica, and a replica killed with SIGKILL
 * under load neither stops the writes nor loses a row; it catches up when it is back. Skipped on a stack with one
 * ClickHouse. In the build (integration-tests/pom.xml, execution {@code cluster-it}) it deploys a stack of its own
 * ({@code pipeline.cluster.deploy=true}: {@code CLICKHOUSE_REPLICAS=2 ./deploy.sh --local} on the ports of that
 * execution) after the main stack is stopped, and wipes it at the end.
 */
class ClickHouseClusterIT {

    private static Stack stack;
    private static List<String> urls;
    private static List<ClickHouse> replicas;

    private static final boolean OWN_STACK = Boolean.getBoolean("pipeline.cluster.deploy");

    @BeforeAll
    static void aClusterStackIsReady() throws Exception {
        if (OWN_STACK) {
            long t0 = System.nanoTime();
            Platform.runInHome(Duration.ofMinutes(10), "cluster-deploy.log", "./deploy.sh", "--local");
            System.out.printf("[ClickHouseClusterIT] CLICKHOUSE_REPLICAS=2 ./deploy.sh --local: ready after %d s%n",
                    (System.nanoTime() - t0) / 1_000_000_000L);
        }
        stack = Stack.ready("CLICKHOUSE_SINK_URL", "CDC_REGISTRAR_URL");
        urls = Arrays.stream(stack.endpoints().getOrDefault("CLICKHOUSE_REPLICA_HTTP_URLS", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        Assumptions.assumeTrue(urls.size() >= 2, "ClickHouseClusterIT needs a stack with ClickHouse replicas "
                + "(CLICKHOUSE_REPLICAS=2 ./deploy.sh --local); this stack has " + urls.size() + " ClickHouse: skipped");
        replicas = new ArrayList<>();
        for (String url : urls) {
            replicas.add(new ClickHouse(url, stack.endpoints().get("CLICKHOUSE_USER"),
                    stack.endpoints().get("CLICKHOUSE_PASSWORD")));
        }
    }

    @Test
    void aNewTableIsReplicatedOnEveryReplicaWithTheRowsOfMySql() throws Exception {
        String table = fresh("cluster_rows");
        stack.mysql().execute(Workload.ddl(table));
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= 300; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", ").append(id).append(", 'r").append(id).append("')");
        }
        stack.mysql().execute("INSERT INTO " + table + " (id, v, s) VALUES " + rows,
                "UPDATE " + table + " SET v = v * 10 WHERE id % 7 = 0", "DELETE FROM " + table + " WHERE id % 11 = 0");
        for (int i = 0; i < replicas.size(); i++) {
            ClickHouse replica = replicas.get(i);
            Await.equal("engine of " + table + " on replica " + urls.get(i), List.of("ReplicatedReplacingMergeTree"),
                    () -> replica.rows("SELECT engine FROM system.tables WHERE database = '" + database()
                            + "' AND name = '" + table + "'"), Duration.ofSeconds(90));
            List<String> path = replica.rows("SELECT zookeeper_path FROM system.replicas WHERE database = '"
                    + database() + "' AND table = '" + table + "'");
            assertTrue(path.size() == 1 && path.get(0).startsWith("/clickhouse/tables/01/" + database() + "/" + table + "/"),
                    "ZooKeeper path of " + table + " on " + urls.get(i) + ": " + path);
        }
        assertEveryReplicaEqualsMySql(table, "id, v, s");
        stack.mysql().execute("DROP TABLE " + table);
    }

    @Test
    void anAddedColumnReachesEveryReplica() throws Exception {
        String table = fresh("cluster_ddl");
        stack.mysql().execute(Workload.ddl(table), "INSERT INTO " + table + " VALUES (1, 1, 'a'), (2, 2, 'b')");
        assertEveryReplicaEqualsMySql(table, "id, v, s");
        stack.mysql().execute("ALTER TABLE " + table + " ADD COLUMN extra VARCHAR(20) NOT NULL DEFAULT 'x'",
                "INSERT INTO " + table + " VALUES (3, 3, 'c', 'new')");
        assertEveryReplicaEqualsMySql(table, "id, v, s, extra");
        stack.mysql().execute("DROP TABLE " + table);
    }

    @Test
    void aReplicaKilledUnderLoadLosesNothingAndCatchesUp() throws Exception {
        String table = fresh("cluster_kill");
        stack.mysql().execute(Workload.ddl(table));
        Workload workload = new Workload(stack.mysql(), table, 4000, 300);
        Thread writer = new Thread(workload, "workload");
        writer.start();
        // Wait until the table exists on every replica: the kill then hits the writes, not the CREATE.
        for (ClickHouse replica : replicas) {
            Await.equal("table " + table + " created", List.of("1"), () -> replica.rows("SELECT count() FROM system.tables"
                    + " WHERE database = '" + database() + "' AND name = '" + table + "'"), Duration.ofSeconds(90));
        }
        Thread.sleep(2000);
        // The sink writes to the first replica that answers: replica 1.
        Platform.run("stack.sh", "kill", "clickhouse");
        try {
            String readiness = Health.awaitReadiness(stack.endpoints().get("CLICKHOUSE_SINK_URL"), 200,
                    "does not answer", Duration.ofSeconds(30));
            assertTrue(readiness.contains("clickhouse-replica:" + urls.get(0)), readiness);
            long before = count(replicas.get(1), table);
            Thread.sleep(5000);
            assertTrue(count(replicas.get(1), table) > before, "the sink goes on writing to replica " + urls.get(1)
                    + " while " + urls.get(0) + " is down");
        } finally {
            Platform.run("stack.sh", "up");
        }
        writer.join();
        assertNull(workload.failure(), "the workload itself failed");
        assertEveryReplicaEqualsMySql(table, "id, v, s");
        Health.awaitReady(stack.endpoints().get("CLICKHOUSE_SINK_URL"));
        stack.mysql().execute("DROP TABLE " + table);
    }

    /**
     * ClickHouse 18.16 refuses the queued CREATE of a table created and then altered while a replica was down; the
     * sink's ReplicaRepair gives the returned replica that table, and replication its rows.
     */
    @Test
    void aTableCreatedAndAlteredWhileAReplicaIsDownReachesItWhenItIsBack() throws Exception {
        String table = fresh("cluster_down");
        Platform.run("stack.sh", "stop", "clickhouse-2");
        try {
            Health.awaitReadiness(stack.endpoints().get("CLICKHOUSE_SINK_URL"), 200, "does not answer",
                    Duration.ofSeconds(30));
            stack.mysql().execute(Workload.ddl(table), "INSERT INTO " + table + " VALUES (1, 1, 'a'), (2, 2, 'b')");
            assertReplicaEqualsMySql(0, table, "id, v, s");
            stack.mysql().execute("ALTER TABLE " + table + " ADD COLUMN extra VARCHAR(20) NOT NULL DEFAULT 'x'",
                    "INSERT INTO " + table + " VALUES (3, 3, 'c', 'new')");
            assertReplicaEqualsMySql(0, table, "id, v, s, extra");
        } finally {
            Platform.run("stack.sh", "up");
        }
        assertEveryReplicaEqualsMySql(table, "id, v, s, extra");
        stack.mysql().execute("DROP TABLE " + table);
    }

    @AfterAll
    static void wipeTheOwnStack() throws Exception {
        if (OWN_STACK) {
            Platform.runInHome(Duration.ofMinutes(3), "cluster-terminate.log", "./terminate.sh", "--wipe");
        }
    }

    private static long count(ClickHouse replica, String table) throws Exception {
        List<String> rows = replica.rows("SELECT count() FROM " + database() + "." + table);
        return rows == null ? -1 : Long.parseLong(rows.get(0));
    }

    private static void assertEveryReplicaEqualsMySql(String table, String columns) throws Exception {
        for (int i = 0; i < replicas.size(); i++) {
            assertReplicaEqualsMySql(i, table, columns);
        }
    }

    private static void assertReplicaEqualsMySql(int i, String table, String columns) throws Exception {
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        assertTrue(!expected.isEmpty(), "MySQL has rows in " + table);
        ClickHouse replica = replicas.get(i);
        Await.equal("replica " + urls.get(i) + ": " + table + " FINAL equals MySQL", expected,
                () -> replica.rows("SELECT " + columns + " FROM " + database() + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), Duration.ofSeconds(180));
    }

    private static String database() {
        return stack.endpoints().get("MYSQL_DATABASE");
    }

    private static String fresh(String prefix) {
        return prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
    }
}
