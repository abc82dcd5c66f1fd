package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Compose deployment, driven like a user would: {@code ./deploy.sh --compose} (here podman + podman-compose, with
 * images built on this machine: platform/images/build.sh), then the pipeline through the containers, the restart
 * policy after a SIGKILL, a registrar restart that leaves the connector alone, and {@code ./terminate.sh}.
 * Runs in its own failsafe execution after the local stack is stopped (integration-tests/pom.xml), on its own ports and
 * Compose project. Prints the figures the README quotes (time to healthy, container RSS, time back after SIGKILL).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final Path HOME = Path.of(System.getProperty("pipeline.platform")).getParent();
    private static Stack stack;
    private static String engine;
    private static boolean terminated;

    @BeforeAll
    static void deploy() throws Exception {
        long t0 = System.nanoTime();
        run(Duration.ofMinutes(40), "./deploy.sh", "--compose");
        System.out.printf("[ComposeIT] ./deploy.sh --compose: every container healthy after %d s%n",
                (System.nanoTime() - t0) / 1_000_000_000L);
        engine = run(Duration.ofSeconds(30), "bash", "platform/compose.sh", "engine").strip();
        stack = Stack.ready();
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (!terminated) {
            run(Duration.ofMinutes(3), "./terminate.sh", "--wipe", "--compose");
        }
    }

    @Test
    @Order(1)
    void everyContainerIsHealthy() throws Exception {
        String status = run(Duration.ofMinutes(2), "bash", "platform/compose.sh", "status");
        System.out.println("[ComposeIT] " + status.strip().replace("\n", "\n[ComposeIT] "));
        for (String service : List.of("mysql", "kafka", "schema-registry", "clickhouse", "connect", "cdc-registrar",
                "enricher-gateway", "clickhouse-sink")) {
            assertTrue(status.contains(service + ":") && status.lines().anyMatch(l -> l.startsWith(service + ":")
                    && l.endsWith(" healthy") && !l.contains("NOT")), service + " healthy in:\n" + status);
            assertEquals("unless-stopped", inspect(service, "{{.HostConfig.RestartPolicy.Name}}"), service + " restart policy");
        }
        System.out.println("[ComposeIT] memory: " + cli(Duration.ofMinutes(1), engine, "stats", "--no-stream", "--format",
                "{{.Name}} {{.MemUsage}}").strip().replace("\n", "; "));
    }

    @Test
    @Order(2)
    void aMySqlRowReachesClickHouseThroughTheContainers() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS compose_orders",
                "CREATE TABLE compose_orders (id BIGINT PRIMARY KEY, customer VARCHAR(100) CHARACTER SET utf8mb4 NULL, "
                        + "amount DECIMAL(12,2) NULL, created_at DATETIME(6) NULL)",
                "INSERT INTO compose_orders VALUES (1, 'Zoë 🚀 — ünïcödé', -99999.99, '1969-12-31 23:59:59.999999')",
                "INSERT INTO compose_orders VALUES (2, 'Ada', 12.50, '2024-01-02 03:04:05.123456')");
        assertClickHouseEqualsMySql("compose_orders");
        assertChangeEventsInTheDeployedFormat("compose_orders");
    }

    /**
     * Avro (the pom sets PIPELINE_FORMAT=avro, Compose's default): the registry container lists the table's key and
     * value subjects and the records start with the Confluent magic byte 0; JSON: they start with '{'.
     */
    private static void assertChangeEventsInTheDeployedFormat(String table) throws Exception {
        String format = stack.endpoints().get("PIPELINE_FORMAT");
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + stack.endpoints().get("MYSQL_DATABASE") + "." + table;
        byte[] value = TopicRecords.firstValue(stack.endpoints(), topic);
        System.out.println("[ComposeIT] change events in " + format + "; first byte of " + topic + ": " + value[0]);
        if ("avro".equals(format)) {
            String subjects = Http.get(stack.endpoints().get("SCHEMA_REGISTRY_URL") + "/subjects");
            assertTrue(subjects.contains("\"" + topic + "-key\"") && subjects.contains("\"" + topic + "-value\""),
                    "the table's subjects in the registry: " + subjects);
            assertEquals(0, value[0], "Confluent wire format: magic byte 0, then the schema id");
        } else {
            assertEquals("json", format, "PIPELINE_FORMAT in the endpoints file");
            assertEquals('{', value[0], "a JSON change event");
        }
    }

    @Test
    @Order(3)
    void theSinkKilledWithSigkillIsRestartedByItsPolicyAndLosesNothing() throws Exception {
        stack.mysql().execute("CREATE TABLE IF NOT EXISTS compose_orders (id BIGINT PRIMARY KEY, customer VARCHAR(100) "
                + "CHARACTER SET utf8mb4 NULL, amount DECIMAL(12,2) NULL, created_at DATETIME(6) NULL)");
        int restarts = Integer.parseInt(inspect("clickhouse-sink", "{{.RestartCount}}"));
        String pid = inspect("clickhouse-sink", "{{.State.Pid}}");
        assertNotEquals("0", pid);
        // As the kernel's OOM killer would: SIGKILL to the container's process from the host, not 'kill' of the engine
        // (which counts as stopped by the user, and unless-stopped would leave it down).
        long t0 = System.nanoTime();
        new ProcessBuilder("kill", "-KILL", pid).inheritIO().start().waitFor();
        StringBuilder rows = new StringBuilder();
        for (int i = 100; i < 150; i++) {
            rows.append(i == 100 ? "" : ",").append("(").append(i).append(", 'während ").append(i).append("', ")
                    .append(i).append(".25, '2025-05-05 05:05:05.").append(String.format("%06d", i)).append("')");
        }
        stack.mysql().execute("INSERT INTO compose_orders VALUES " + rows);
        Await.equal("the sink's container restarted by its policy", true,
                () -> Integer.parseInt(inspect("clickhouse-sink", "{{.RestartCount}}")) > restarts, Duration.ofSeconds(60));
        Health.awaitReady(stack.endpoints().get("CLICKHOUSE_SINK_URL"));
        System.out.printf("[ComposeIT] clickhouse-sink back and ready %d ms after SIGKILL%n",
                (System.nanoTime() - t0) / 1_000_000L);
        stack.mysql().execute("UPDATE compose_orders SET amount = amount + 1 WHERE id >= 140");
        assertClickHouseEqualsMySql("compose_orders");
    }

    @Test
    @Order(4)
    void theRegistrarRestartedDoesNotRewriteTheConnector() throws Exception {
        long before = ConnectConfigTopic.records(stack.endpoints());
        cli(Duration.ofMinutes(2), engine, "restart", container("cdc-registrar"));
        Health.awaitReady(stack.endpoints().get("CDC_REGISTRAR_URL"));
        stack.mysql().execute("INSERT INTO compose_orders VALUES (900, 'after the registrar restart', 9.99, "
                + "'2026-12-01 00:00:00.000001')");
        assertClickHouseEqualsMySql("compose_orders");
        assertEquals(before, ConnectConfigTopic.records(stack.endpoints()), "records in Kafka Connect's config topic");
    }

    /**
     * The registry keeps its data in Kafka (KafkaSQL): restarted, it still has every subject with the same schema id,
     * and a new table's schema registered after the restart brings its row through.
     */
    @Test
    @Order(5)
    void theRegistryRestartedKeepsItsSchemas() throws Exception {
        Assumptions.assumeTrue("avro".equals(stack.endpoints().get("PIPELINE_FORMAT")), "Avro only");
        String registry = stack.endpoints().get("SCHEMA_REGISTRY_URL");
        String subject = stack.endpoints().get("TOPIC_PREFIX") + "." + stack.endpoints().get("MYSQL_DATABASE")
                + ".compose_orders-value";
        String subjectsBefore = Http.get(registry + "/subjects");
        String latestBefore = Http.get(registry + "/subjects/" + subject + "/versions/latest");
        long t0 = System.nanoTime();
        cli(Duration.ofMinutes(2), engine, "restart", container("schema-registry"));
        Await.equal("the registry answers again", true, () -> {
            try {
                return Http.getResponse(registry + "/subjects").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofMinutes(5));
        System.out.printf("[ComposeIT] schema-registry restarted and answering in %d s%n",
                (System.nanoTime() - t0) / 1_000_000_000L);
        assertEquals(subjectsBefore, Http.get(registry + "/subjects"), "subjects after the registry's restart");
        assertEquals(latestBefore, Http.get(registry + "/subjects/" + subject + "/versions/latest"),
                "the latest schema of " + subject + " (id and version) after the registry's restart");
        stack.mysql().execute("DROP TABLE IF EXISTS compose_after_registry",
                "CREATE TABLE compose_after_registry (id BIGINT PRIMARY KEY, note VARCHAR(40) NULL)",
                "INSERT INTO compose_after_registry VALUES (1, 'a schema registered after the restart')");
        assertClickHouseEqualsMySql("compose_after_registry", "id, note");
    }

    @Test
    @Order(6)
    void terminateRemovesTheContainersAndWipeTheVolumes() throws Exception {
        terminated = true;
        run(Duration.ofMinutes(3), "./terminate.sh");
        assertEquals("", projectObjects("ps", "-a"), "containers left after ./terminate.sh");
        assertNotEquals("", projectObjects("volume", "ls"), "volumes kept by ./terminate.sh");
        run(Duration.ofMinutes(3), "./terminate.sh", "--wipe", "--compose");
        assertEquals("", projectObjects("volume", "ls"), "volumes left after ./terminate.sh --wipe");
    }

    private static void assertClickHouseEqualsMySql(String table) throws Exception {
        assertClickHouseEqualsMySql(table, "id, customer, amount, created_at");
    }

    private static void assertClickHouseEqualsMySql(String table, String columns) throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM " + table + " ORDER BY id");
        Await.equal("ClickHouse " + db + "." + table + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + db + "." + table
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), CATCH_UP);
    }

    private static String container(String service) throws Exception {
        String name = run(Duration.ofSeconds(30), "bash", "platform/compose.sh", "container", service).strip();
        assertNotEquals("", name, "container of " + service);
        return name;
    }

    private static String inspect(String service, String format) throws Exception {
        return cli(Duration.ofSeconds(30), engine, "inspect", "-f", format, container(service)).strip();
    }

    /** Names of the project's containers or volumes ({@code ps -a} / {@code volume ls}), one a line. */
    private static String projectObjects(String... what) throws Exception {
        List<String> command = new ArrayList<>(List.of(engine));
        command.addAll(List.of(what));
        command.addAll(List.of("--filter", "label=com.docker.compose.project=" + System.getenv("COMPOSE_PROJECT_NAME"),
                "--format", what[0].equals("ps") ? "{{.Names}}" : "{{.Name}}"));
        return cli(Duration.ofSeconds(30), command.toArray(String[]::new)).strip();
    }



    /** Runs a command of the project (in its folder) with the output in target/compose-it.log; fails on exit != 0. */
    private static String run(Duration timeout, String... command) throws IOException, InterruptedException {
        return exec(timeout, true, command);
    }

    /** Runs an engine command; its output is returned, not logged. */
    private static String cli(Duration timeout, String... command) throws IOException, InterruptedException {
        return exec(timeout, false, command);
    }

    private static String exec(Duration timeout, boolean log, String... command) throws IOException, InterruptedException {
        File out = File.createTempFile("compose-it", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(out).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (log) {
                Files.writeString(Path.of("target", "compose-it.log"), "$ " + String.join(" ", command) + "\n" + output,
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
