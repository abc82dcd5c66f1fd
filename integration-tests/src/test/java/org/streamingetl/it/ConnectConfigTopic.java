package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Kafka Connect's config topic ({@code <TOPIC_PREFIX>.connect-configs}) of the stack under test, read directly. */
final class ConnectConfigTopic {

    private ConnectConfigTopic() {
    }

    /** How many records the topic holds: each config write of Connect adds some. */
    static long records(Endpoints endpoints) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(endpoints)) {
            return consumer.endOffsets(partitions(consumer, endpoints)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record value the topic holds, as text (tombstones left out). */
    static List<String> values(Endpoints endpoints) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(endpoints)) {
            List<TopicPartition> partitions = partitions(consumer, endpoints);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(System.nanoTime() < deadline, "Connect's config topic read to its end within 60 s");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return values;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Endpoints endpoints) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.get("KAFKA_BOOTSTRAP")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, Endpoints endpoints) {
        String topic = endpoints.get("TOPIC_PREFIX") + ".connect-configs";
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
