package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack started with PIPELINE_FORMAT=avro (skipped otherwise): the change events are Avro in the Confluent wire
 * format with their schemas in the registry ({@code $SCHEMA_REGISTRY_URL/subjects}), the registry keeps them across
 * a restart, and while it is down the sink waits (readiness says why, nothing goes to the dead-letter topic) and
 * catches up once it is back, and so does Kafka Connect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvroFormatIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final String CONNECTOR = "streaming_ETL_pipeline_MySQL-connector";
    private static Stack stack;

    @BeforeAll
    static void avroStack() throws Exception {
        Endpoints endpoints = Endpoints.load();
        String format = endpoints.getOrDefault("PIPELINE_FORMAT", "json");
        Assumptions.assumeTrue("avro".equals(format), "the stack under test runs PIPELINE_FORMAT=" + format);
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
    }

    @Test
    @Order(1)
    void changeEventsAreAvroWithTheirSchemasInTheRegistry() throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        stack.mysql().execute("CREATE TABLE IF NOT EXISTS avro_probe (id INT PRIMARY KEY, `a b` VARCHAR(20), amount DECIMAL(12,3))",
                "REPLACE INTO avro_probe VALUES (1, 'eins ✓', -12.345)");
        Await.equal("the row reaches ClickHouse", List.of("1\teins ✓\t-12.345"),
                () -> stack.clickhouse().rows("SELECT id, `a b`, amount FROM " + db + ".avro_probe FINAL WHERE _deleted = 0"),
                CATCH_UP);
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + ".avro_probe";
        String subjects = Http.get(stack.endpoints().get("SCHEMA_REGISTRY_URL") + "/subjects");
        assertTrue(subjects.contains("\"" + topic + "-key\"") && subjects.contains("\"" + topic + "-value\""), subjects);
        byte[] value = TopicRecords.firstValue(stack.endpoints(), topic);
        assertEquals(0, value[0], "Confluent wire format: magic byte 0, then the schema id");
    }

    /**
     * The sink's side of a registry outage (Connect's side: the next test), shown with a schema the sink has not read
     * yet, registered before the outage and read during it.
     */
    @Test
    @Order(2)
    void theSinkWaitsForADownRegistryAndTheSchemasSurviveItsRestart() throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + ".avro_outage";
        String registry = stack.endpoints().get("SCHEMA_REGISTRY_URL");
        Platform.run("services.sh", "stop", "clickhouse-sink");
        try {
            stack.mysql().execute("CREATE TABLE IF NOT EXISTS avro_outage (id INT PRIMARY KEY, v VARCHAR(20))",
                    "REPLACE INTO avro_outage VALUES (1, 'read while down')");
            Await.equal("Connect registered the new table's schema", true,
                    () -> Http.get(registry + "/subjects").contains("\"" + topic + "-value\""), CATCH_UP);
            String subjectsBefore = Http.get(registry + "/subjects");
            Platform.run("stack.sh", "stop", "registry");
            Platform.run("services.sh", "up");
            Await.equal("the sink reports avro_outage RETRYING because of the registry", true, () -> {
                Matcher table = Pattern.compile("\\{[^{}]*avro_outage[^{}]*}")
                        .matcher(Http.get(stack.endpoints().get("CLICKHOUSE_SINK_URL") + "/sink/tables"));
                return table.find() && table.group().contains("RETRYING") && table.group().contains("schema registry");
            }, CATCH_UP);
            String dlq = stack.endpoints().get("TOPIC_PREFIX") + ".dlq";
            assertTrue(!topicExists(dlq) || !new String(lastValue(dlq), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("read while down"), "nothing went to the dead-letter topic");
            Platform.run("stack.sh", "up");
            String subjectsAfter = Http.get(registry + "/subjects");
            for (String subject : subjectsBefore.replaceAll("[\\[\\]\"]", "").split(",")) {
                assertTrue(subjectsAfter.contains("\"" + subject.trim() + "\""), "kept across the restart: " + subject);
            }
        } finally {
            Platform.run("stack.sh", "up");
            Platform.run("services.sh", "up");
        }
        Await.equal("the row the sink could not read while the registry was down arrives", List.of("1\tread while down"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + db + ".avro_outage FINAL WHERE _deleted = 0"),
                CATCH_UP);
    }

    /**
     * Connect's side of a registry outage: a change whose schema is not registered yet (a new table) waits in Kafka
     * Connect, which retries it (the converter's RetriableException, the connector's errors.retry.timeout=-1): the
     * task stays RUNNING, nobody restarts it, Connect's log says what is wrong, and the row arrives once the registry
     * is back.
     */
    @Test
    @Order(3)
    void connectWaitsForADownRegistryAndResumesByItself() throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + ".avro_wait";
        String status = stack.endpoints().get("CONNECT_URL") + "/connectors/" + CONNECTOR + "/status";
        Path connectLog = Path.of(System.getenv("PIPELINE_RUN_DIR"), "logs", "connect.log");
        long restartsBefore = registrarRestarts();
        Platform.run("stack.sh", "stop", "registry");
        try {
            stack.mysql().execute("CREATE TABLE IF NOT EXISTS avro_wait (id INT PRIMARY KEY, v VARCHAR(20))",
                    "REPLACE INTO avro_wait VALUES (1, 'waited')");
            Await.equal("Connect's log says the registry is unreachable for " + topic, true,
                    () -> Files.readString(connectLog).contains("is unreachable")
                            && Files.readString(connectLog).contains("record of topic " + topic), CATCH_UP);
            Thread.sleep(15_000); // several of Connect's retries
            String during = Http.get(status);
            assertTrue(during.contains("\"RUNNING\"") && !during.contains("FAILED"), "the task waits: " + during);
        } finally {
            Platform.run("stack.sh", "up");
        }
        Await.equal("the row written while the registry was down arrives", List.of("1\twaited"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + db + ".avro_wait FINAL WHERE _deleted = 0"),
                CATCH_UP);
        assertFalse(Http.get(status).contains("FAILED"));
        assertEquals(restartsBefore, registrarRestarts(), "no restart was needed");
    }

    private static long registrarRestarts() throws Exception {
        Matcher m = Pattern.compile("(?m)^registrar_restarts_total ([0-9.]+)")
                .matcher(Http.get(stack.endpoints().get("CDC_REGISTRAR_URL") + "/q/metrics"));
        assertTrue(m.find(), "cdc-registrar exports registrar_restarts_total");
        return (long) Double.parseDouble(m.group(1));
    }

    private static boolean topicExists(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic);
        }
    }

    /** The last record value of the topic's first partition (empty when it has none). */
    private static byte[] lastValue(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (end == 0) {
                return new byte[0];
            }
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r.value() == null ? new byte[0] : r.value();
                }
            }
            return new byte[0];
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().get("KAFKA_BOOTSTRAP"));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

}
