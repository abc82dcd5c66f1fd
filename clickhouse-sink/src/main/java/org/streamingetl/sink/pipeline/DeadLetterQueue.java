package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.streamingetl.common.kafka.RecordLimits;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records the sink cannot write to the dead-letter topic {@code <prefix>.dlq}: the original key, value and
 * headers, plus {@code dlq.reason}, {@code dlq.source.topic}, {@code dlq.source.partition},
 * {@code dlq.source.offset}, {@code dlq.table} and {@code dlq.at}. Returns only after Kafka acknowledged it.
 */
public final class DeadLetterQueue implements DeadLetters, AutoCloseable {

    public static final String REASON = "dlq.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String TABLE = "dlq.table";
    public static final String AT = "dlq.at";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /** @param maxRowBytes the largest row the pipeline carries: its record must fit in the dead-letter topic too */
    public DeadLetterQueue(Map<String, Object> kafkaProperties, String topic, long maxRowBytes) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.putAll(RecordLimits.producerSettings(maxRowBytes));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void send(ConsumerRecord<ByteBuffer, ByteBuffer> record, String table, String reason) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, Utils.toNullableArray(record.key()),
                Utils.toNullableArray(record.value()), record.headers());
        Headers headers = dead.headers();
        headers.add(REASON, utf8(reason));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(TABLE, utf8(table));
        headers.add(AT, utf8(Instant.now().toString()));
        try {
            producer.send(dead).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to dead-letter topic " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to dead-letter topic " + topic, e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
