package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cdc-registrar as an operator would test it: a second start leaves the running connector alone, Kafka Connect
 * neither shows nor stores the Debezium user's password (only a config-provider reference), and a task that
 * failed (its database user locked while it restarted) is brought back once the cause is gone.
 */
class RegistrarLifecycleIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String CONNECTOR = "streaming_ETL_pipeline_MySQL-connector";
    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
    }

    @Test
    void aSecondStartDoesNotRewriteOrRestartTheConnector() throws Exception {
        long configWrites = ConnectConfigTopic.records(stack.endpoints());
        Platform.run("services.sh", "restart", "cdc-registrar");
        Health.awaitReady(stack.endpoints().get("CDC_REGISTRAR_URL"));
        assertEquals(configWrites, ConnectConfigTopic.records(stack.endpoints()),
                "Kafka Connect's config topic got no new record: the unchanged config was not PUT again");
        assertTrue(status().contains("\"state\":\"RUNNING\""), status());
        assertChangesFlow("after a registrar restart");
    }

    @Test
    void theDebeziumPasswordIsNeitherShownNorStoredByKafkaConnect() throws Exception {
        String password = stack.endpoints().get("DEBEZIUM_MYSQL_PASSWORD");
        String config = Http.get(stack.endpoints().get("CONNECT_URL") + "/connectors/" + CONNECTOR + "/config");
        assertTrue(config.contains("\"database.password\":\"${env:DEBEZIUM_MYSQL_PASSWORD}\""),
                "the connector config holds a config-provider reference: " + config.replace(password, "<password>"));
        assertFalse(config.contains(password), "GET /connectors/<name>/config shows no password");
        String tasks = Http.get(stack.endpoints().get("CONNECT_URL") + "/connectors/" + CONNECTOR + "/tasks");
        assertFalse(tasks.contains(password), "the task configs Connect shows hold no password");
        List<String> records = ConnectConfigTopic.values(stack.endpoints());
        assertTrue(records.stream().anyMatch(r -> r.contains("${env:DEBEZIUM_MYSQL_PASSWORD}")),
                "Connect's config topic holds the reference");
        assertTrue(records.stream().noneMatch(r -> r.contains(password)),
                "no record of Connect's config topic holds the password (connector and task configs)");
        assertChangesFlow("with the password resolved by the config provider of Connect");
    }

    @Test
    void aFailedTaskIsRestartedOnceItsCauseIsGone() throws Exception {
        String name = stack.endpoints().get("DEBEZIUM_MYSQL_USER");
        try {
            stack.mysql().executeAsAdmin("ALTER USER '" + name + "'@'%' ACCOUNT LOCK", "ALTER USER '" + name + "'@'localhost' ACCOUNT LOCK");
            // The task restarts and cannot log in any more.
            Http.post(stack.endpoints().get("CONNECT_URL") + "/connectors/" + CONNECTOR + "/restart?includeTasks=true");
            Await.equal("the registrar reports the FAILED task", true, () -> status().contains("\"FAILED\""), CATCH_UP);
            String readiness = Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 503, "FAILED",
                    Duration.ofSeconds(30));
            assertTrue(readiness.contains("task 0 is FAILED"), readiness);
        } finally {
            stack.mysql().executeAsAdmin("ALTER USER '" + name + "'@'%' ACCOUNT UNLOCK", "ALTER USER '" + name + "'@'localhost' ACCOUNT UNLOCK");
        }
        // No operator action: the supervisor restarts the task with backoff.
        Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 200, "UP", CATCH_UP);
        assertChangesFlow("after the task was brought back");

        String metrics = Http.get(stack.endpoints().get("CDC_REGISTRAR_URL") + "/q/metrics");
        assertTrue(metrics.contains("registrar_connector_running 1.0"), "connector state in /q/metrics");
        assertTrue(metrics.contains("registrar_tasks{state=\"RUNNING\"} 1.0"), "task states in /q/metrics");
        assertTrue(metrics.matches("(?s).*registrar_restarts_total [1-9].*"), "the automatic restart is counted");
    }

    private static void assertChangesFlow(String when) throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        stack.mysql().execute("CREATE TABLE IF NOT EXISTS lifecycle_probe (id INT PRIMARY KEY, at VARCHAR(60))",
                "REPLACE INTO lifecycle_probe VALUES (1, '" + when + "')");
        Await.equal("a change reaches ClickHouse " + when, List.of("1\t" + when),
                () -> stack.clickhouse().rows("SELECT id, at FROM " + db + ".lifecycle_probe FINAL WHERE _deleted = 0"),
                CATCH_UP);
    }

    private static String status() throws Exception {
        return Http.get(stack.endpoints().get("CDC_REGISTRAR_URL") + "/source/status");
    }


}
