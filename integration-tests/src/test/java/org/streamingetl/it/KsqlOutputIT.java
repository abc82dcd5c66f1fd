package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.topics.Topics;

/**
 * The sink writes an enrichment deployed on the ksqldb engine into ClickHouse: plain JSON rows without Connect
 * schemas, JSON keys, tombstones as deletes, typed by the announcement.
 *
 * <p>CONTRACT STAND-IN for ksqlDB, which cannot run on these machines: this test plays its part. It announces the
 * enrichment as enricher-gateway does for the ksqldb engine and writes the records of the contract fixture
 * {@code clickhouse-sink/src/test/resources/ksqldb/orders_enriched.records} (ksqlDB 0.29's documented JSON output).
 * Kafka, the sink and ClickHouse are the real ones.
 */
class KsqlOutputIT {

    private static final Path FIXTURE = Path.of("..", "clickhouse-sink", "src", "test", "resources", "ksqldb",
            "orders_enriched.records");

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void ksqlDbRowsKeysAndTombstonesLandAsTheTableContractSays() throws Exception {
        Topics topics = new Topics(stack.endpoints().get("TOPIC_PREFIX"));
        String name = "ksql_orders";
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.endpoints().get("KAFKA_BOOTSTRAP"));
        KafkaTopics.ensureExists(kafka, topics.enriched(name), (short) 1);
        try (ControlPublisher control = new ControlPublisher(kafka, topics.control(), new ControlCodec("enricher-gateway"))) {
            control.publish(EventType.EnrichmentDeployed, name, new EnrichmentDeployed(name, EnrichmentDeployed.KSQLDB,
                    topics.enriched(name), List.of("order_id"), List.of(
                    column("order_id", 1, "bigint", null, null, null, false),
                    column("customer_id", 2, "int", 10, 0, null, true),
                    column("amount", 3, "decimal", 12, 2, null, true),
                    column("created_at", 4, "datetime", null, null, 6, true),
                    column("customer_name", 5, "varchar", null, null, null, true),
                    column("country", 6, "char", null, null, null, true)), "RUNNING"));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\t", 2);
                producer.send(new ProducerRecord<>(topics.enriched(name), utf8(kv[0]),
                        kv[1].equals("null") ? null : utf8(kv[1]))).get();
            }
        }

        // Order 1 inserted then updated, order 2 inserted then deleted (tombstone).
        Await.equal("ksqlDB's rows in enriched." + name, List.of(
                        "1\t7\t-0.05\t2026-11-25 10:00:00.123456\tAnn-Marie\tFR"),
                () -> stack.clickhouse().rows("SELECT order_id, customer_id, amount, created_at, customer_name, country"
                        + " FROM enriched." + name + " FINAL WHERE _deleted = 0 ORDER BY order_id"),
                Duration.ofSeconds(60));
        assertEquals(List.of("2\t1"), stack.clickhouse().rows("SELECT order_id, _deleted FROM enriched." + name
                + " FINAL WHERE _deleted = 1"), "the tombstone deleted order 2");
    }

    private static ColumnDefinition column(String name, int position, String type, Integer precision, Integer scale,
                                           Integer fsp, boolean nullable) {
        return new ColumnDefinition(name, position, type, type, null, precision, scale, fsp, false, nullable, List.of());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
