package org.streamingetl.registrar.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.registrar.kafka.TopicFollower;

/**
 * Reads Debezium's notification topic ({@code <prefix>.notifications}) from its beginning, without a consumer
 * group, and hands each notification to its listeners ({@link SnapshotProgress}, {@link TableResyncs}); waits for the topic while Debezium has not created it yet.
 */
public final class NotificationFollower extends TopicFollower {

    private static final Logger LOG = Logger.getLogger(NotificationFollower.class);

    private final String topic;
    private final List<Consumer<JsonNode>> listeners;
    private final ConnectRecords records;

    /** @param listeners each notification's value, in topic order (e.g. {@link SnapshotProgress#apply}) */
    public NotificationFollower(Map<String, Object> kafka, String topic, List<Consumer<JsonNode>> listeners,
                                ConnectRecords records) {
        super(kafka, Map.of(), "registrar-notifications");
        this.topic = topic;
        this.listeners = List.copyOf(listeners);
        this.records = records;
    }

    @Override
    protected void follow() {
        List<TopicPartition> partitions = awaitTopic();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running()) {
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
    }

    private List<TopicPartition> awaitTopic() {
        while (running()) {
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
}
