package org.streamingetl.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A record the sink cannot read, written straight into a table's topic: the sink dead-letters it and halts the table
 * (the default), until {@link #resume} skips it.
 */
final class PoisonRecord {

    private PoisonRecord() {
    }

    /** Writes the record into {@code topic}; returns its offset. */
    static long send(Stack stack, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.endpoints().get("KAFKA_BOOTSTRAP")),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, "{\"id\":-1}".getBytes(StandardCharsets.UTF_8),
                    "not a change event".getBytes(StandardCharsets.UTF_8))).get().offset();
        }
    }

    /** Resumes the halted table past the record and waits until the sink is ready again. */
    static void resume(Stack stack, String topic) throws Exception {
        String sink = stack.endpoints().get("CLICKHOUSE_SINK_URL");
        Http.post(sink + "/sink/tables/" + topic + "/resume?skip=true");
        Health.awaitReadiness(sink, 200, "UP", Duration.ofSeconds(60));
    }
}
