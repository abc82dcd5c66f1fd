package org.streamingetl.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;

/** Publishes events (and tombstones) to the control topic, waiting for Kafka's acknowledgement. */
public final class ControlPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ControlCodec codec;

    public ControlPublisher(Map<String, Object> kafkaProperties, String topic, ControlCodec codec) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.codec = codec;
    }

    /** Publishes an event of {@code type} under {@code <kind>/<name>}; the kind comes from the type. */
    public void publish(EventType type, String name, Object payload) {
        ControlKey key = new ControlKey(type.kind(), name);
        send(key, codec.toJson(codec.event(type, payload)));
    }

    /** Publishes a tombstone: the entity is gone. */
    public void remove(EventType type, String name) {
        send(new ControlKey(type.kind(), name), null);
    }

    private void send(ControlKey key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot publish " + key + " to control topic " + topic + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
