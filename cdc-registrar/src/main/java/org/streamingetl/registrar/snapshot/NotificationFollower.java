package org.streamingetl.registrar.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.registrar.connect.ConnectRecords;
import org.streamingetl.common.health.ThreadFailures;

/**
 * Reads Debezium's notification topic ({@code <prefix>.notifications}) from its beginning, without a consumer
 * group, and hands each notification to its listeners ({@link SnapshotProgress}, {@link TableResyncs}); waits for the topic while Debezium has not created it yet.
 */
public final class NotificationFollower implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NotificationFollower.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<Consumer<JsonNode>> listeners;
    private final ConnectRecords records;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param listeners each notification's value, in topic order (e.g. {@link SnapshotProgress#apply}) */
    public NotificationFollower(Map<String, Object> kafka, String topic, List<Consumer<JsonNode>> listeners,
                                ConnectRecords records) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.listeners = List.copyOf(listeners);
        this.records = records;
        this.thread = new Thread(this, "registrar-notifications");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the follower's thread, watched by {@code failures}: a follower that cannot go on takes the registrar's
     * liveness DOWN with its reason instead of leaving the notification topic silently unread.
     */
    public void start(ThreadFailures failures) {
        failures.watch(thread).start();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = awaitTopic();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        JsonNode value = records.tree(record.value());
                        listeners.forEach(listener -> listener.accept(value));
                    } catch (SchemaUnavailableException e) {
                        // Read it again once its schema can be had: notifications are not skipped for that.
                        LOG.warnf("Cannot read notification %s-%d@%d yet (%s); trying again", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                        consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                        pause();
                        break;
                    } catch (Exception e) {
                        LOG.warnf("Skipping unreadable Debezium notification at %s-%d@%d: %s", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> awaitTopic() {
        while (running) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
