package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Assumptions;
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
 * schemas, JSON keys, tombstones as deletes, typed by the announcement; on a stack with a schema registry
 * ({@code PIPELINE_FORMAT=avro}) the same in Avro (Confluent wire format, schemas in the registry).
 *
 * <p>CONTRACT STAND-IN for ksqlDB, which cannot run on these machines: this test plays its part. It announces the
 * enrichment as enricher-gateway does for the ksqldb engine and writes the records of the contract fixture
 * {@code clickhouse-sink/src/test/resources/ksqldb/orders_enriched.records} (ksqlDB 0.29's documented JSON output);
 * in Avro it registers the schemas ksqlDB documents registering ({@code <topic>-key}: the single key column
 * unwrapped; {@code <topic>-value}: record {@code KsqlDataSourceSchema} of the other columns, every field
 * {@code ["null", T]}; the fixture's schemas in clickhouse-sink's PlainAvroDecoderTest) in {@code $SCHEMA_REGISTRY_URL}
 * and writes the rows with Apache Avro's encoder. Kafka, the registry, the sink and ClickHouse are the real ones.
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
        Map<String, Object> kafka = announce(topics, name);
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

    @Test
    void onAnAvroStackKsqlDbsAvroRowsLandTheSameWay() throws Exception {
        String registry = stack.endpoints().getOrDefault("SCHEMA_REGISTRY_URL", "");
        Assumptions.assumeFalse(registry.isBlank(), "no schema registry: the stack runs PIPELINE_FORMAT=json");
        Topics topics = new Topics(stack.endpoints().get("TOPIC_PREFIX"));
        String name = "ksql_orders_avro";
        String topic = topics.enriched(name);
        Map<String, Object> kafka = announce(topics, name);
        int keyId = register(registry, topic + "-key", KEY);
        int valueId = register(registry, topic + "-value", VALUE);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, wire(keyId, KEY, 1L),
                    wire(valueId, VALUE, row(7, "12.50", 1795600800123456L, "Ann", "FR")))).get();
            producer.send(new ProducerRecord<>(topic, wire(keyId, KEY, 2L),
                    wire(valueId, VALUE, row(99, "999.99", 1795601100000000L, null, null)))).get();
            producer.send(new ProducerRecord<>(topic, wire(keyId, KEY, 1L),
                    wire(valueId, VALUE, row(7, "-0.05", 1795600800123456L, "Ann-Marie", "FR")))).get();
            producer.send(new ProducerRecord<>(topic, wire(keyId, KEY, 2L), null)).get();
        }

        Await.equal("ksqlDB's Avro rows in enriched." + name, List.of(
                        "1\t7\t-0.05\t2026-11-25 10:00:00.123456\tAnn-Marie\tFR"),
                () -> stack.clickhouse().rows("SELECT order_id, customer_id, amount, created_at, customer_name, country"
                        + " FROM enriched." + name + " FINAL WHERE _deleted = 0 ORDER BY order_id"),
                Duration.ofSeconds(60));
        assertEquals(List.of("2\t1"), stack.clickhouse().rows("SELECT order_id, _deleted FROM enriched." + name
                + " FINAL WHERE _deleted = 1"), "the tombstone deleted order 2");
    }

    /** Announces the enrichment as enricher-gateway does for the ksqldb engine; the Kafka client settings. */
    private static Map<String, Object> announce(Topics topics, String name) throws Exception {
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
        return kafka;
    }

    private static final Schema KEY = new Schema.Parser().parse("[\"null\", \"long\"]");
    private static final Schema VALUE = new Schema.Parser().parse("""
            {"type": "record", "name": "KsqlDataSourceSchema", "namespace": "io.confluent.ksql.avro_schemas",
             "fields": [
              {"name": "customer_id", "type": ["null", "int"], "default": null},
              {"name": "amount", "type": ["null", {"type": "bytes", "scale": 2, "precision": 12, "connect.version": 1,
                 "connect.parameters": {"scale": "2", "connect.decimal.precision": "12"},
                 "connect.name": "org.apache.kafka.connect.data.Decimal", "logicalType": "decimal"}], "default": null},
              {"name": "created_at", "type": ["null", "long"], "default": null},
              {"name": "customer_name", "type": ["null", "string"], "default": null},
              {"name": "country", "type": ["null", "string"], "default": null}
             ],
             "connect.name": "io.confluent.ksql.avro_schemas.KsqlDataSourceSchema"}""");

    /** Registers {@code schema} under {@code subject} (the registry's Confluent-compatible API); its id. */
    private static int register(String registry, String subject, Schema schema) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("schema", schema.toString()));
        HttpResponse<String> response = Http.post(registry + "/subjects/" + subject + "/versions", null, body);
        assertEquals(200, response.statusCode(), "registering " + subject + ": " + response.body());
        return new ObjectMapper().readTree(response.body()).path("id").asInt();
    }

    private static GenericData.Record row(Integer customerId, String amount, Long createdAt, String name, String country) {
        GenericData.Record r = new GenericData.Record(VALUE);
        r.put("customer_id", customerId);
        r.put("amount", ByteBuffer.wrap(new BigDecimal(amount).unscaledValue().toByteArray()));
        r.put("created_at", createdAt);
        r.put("customer_name", name);
        r.put("country", country);
        return r;
    }

    /** The Confluent wire format: byte 0, the schema id (4 bytes, big-endian), the Avro binary body. */
    private static byte[] wire(int schemaId, Schema schema, Object datum) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(schema).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static ColumnDefinition column(String name, int position, String type, Integer precision, Integer scale,
                                           Integer fsp, boolean nullable) {
        return new ColumnDefinition(name, position, type, type, null, precision, scale, fsp, false, nullable, List.of());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
