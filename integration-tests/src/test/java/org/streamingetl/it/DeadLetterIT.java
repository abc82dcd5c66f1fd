package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A record the sink cannot read goes to the dead-letter topic with the reason and its origin in headers; its table
 * halts (the default) and says why on health, while the other tables keep flowing, until an operator resumes it
 * (here skipping the bad record). Runs last, as it leaves a record in the dead-letter topic.
 */
@Order(Integer.MAX_VALUE)
class DeadLetterIT {

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndHaltsOnlyItsTable() throws Exception {
        String database = stack.endpoints().get("MYSQL_DATABASE");
        String prefix = stack.endpoints().get("TOPIC_PREFIX");
        String topic = prefix + "." + database + ".dlq_probe";
        stack.mysql().execute("DROP TABLE IF EXISTS dlq_probe", "DROP TABLE IF EXISTS dlq_neighbour",
                "CREATE TABLE dlq_probe (id INT PRIMARY KEY, v INT)", "CREATE TABLE dlq_neighbour (id INT PRIMARY KEY, v INT)",
                "INSERT INTO dlq_probe VALUES (1, 1)");
        Await.equal("the probe table flows", List.of("1\t1"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + database + ".dlq_probe FINAL WHERE _deleted = 0"),
                Duration.ofSeconds(60));

        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.endpoints().get("KAFKA_BOOTSTRAP"));
        long badOffset;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            badOffset = producer.send(new ProducerRecord<>(topic, "{\"id\":2}".getBytes(StandardCharsets.UTF_8),
                    "this is not a change event".getBytes(StandardCharsets.UTF_8))).get().offset();
        }

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(kafka, prefix + ".dlq", topic, badOffset);
        assertEquals("this is not a change event", new String(dead.value(), StandardCharsets.UTF_8));
        assertTrue(header(dead, "dlq.reason").startsWith("malformed record: not JSON"), header(dead, "dlq.reason"));
        assertEquals("0", header(dead, "dlq.source.partition"));
        assertEquals(database + ".dlq_probe", header(dead, "dlq.table"));

        String readiness = Health.awaitReadiness(stack.endpoints().get("CLICKHOUSE_SINK_URL"), 503, "halted:" + topic,
                Duration.ofSeconds(30));
        assertTrue(readiness.contains("dead-letter") || readiness.contains(prefix + ".dlq"), readiness);

        stack.mysql().execute("INSERT INTO dlq_neighbour VALUES (1, 10)", "INSERT INTO dlq_probe VALUES (3, 3)");
        Await.equal("the other tables keep flowing", List.of("1\t10"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + database + ".dlq_neighbour FINAL WHERE _deleted = 0"),
                Duration.ofSeconds(60));
        Thread.sleep(2000);
        assertEquals(List.of("1\t1"), stack.clickhouse().rows("SELECT id, v FROM " + database + ".dlq_probe FINAL WHERE _deleted = 0"),
                "the halted table writes nothing past the bad record");

        // An operator resumes it, leaving the bad record behind (it is in the DLQ): the rest arrives, health is UP.
        String sink = stack.endpoints().get("CLICKHOUSE_SINK_URL");
        assertEquals(409, Http.post(sink + "/sink/tables/" + prefix + "." + database + ".dlq_neighbour/resume").statusCode(),
                "only a halted table can be resumed");
        assertEquals(404, Http.post(sink + "/sink/tables/no.such.topic/resume").statusCode());
        java.net.http.HttpResponse<String> resumed = Http.post(sink + "/sink/tables/" + topic + "/resume?skip=true");
        assertEquals(202, resumed.statusCode(), resumed.body());
        assertTrue(resumed.body().contains("skipping record " + topic + "-0@" + badOffset), resumed.body());
        Await.equal("the resumed table writes the changes after the bad record", List.of("1\t1", "3\t3"),
                () -> stack.clickhouse().rows("SELECT id, v FROM " + database + ".dlq_probe FINAL WHERE _deleted = 0 ORDER BY id"),
                Duration.ofSeconds(60));
        Health.awaitReadiness(sink, 200, "UP", Duration.ofSeconds(30));
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(Map<String, Object> kafka, String dlq, String topic,
                                                                  long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(dlq, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (topic.equals(header(record, "dlq.source.topic"))
                            && Long.toString(offset).equals(header(record, "dlq.source.offset"))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record from " + topic + "@" + offset + " in " + dlq + " within 60 s");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
