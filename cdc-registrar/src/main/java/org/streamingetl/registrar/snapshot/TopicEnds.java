package org.streamingetl.registrar.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The end offsets of a topic's partitions (the offset its next record will get), through Kafka's admin client. */
public final class TopicEnds implements AutoCloseable {

    private final Admin admin;

    public TopicEnds(Map<String, Object> kafka) {
        this.admin = Admin.create(new HashMap<>(kafka));
    }

    /** Partition → end offset; empty when the topic does not exist (yet). */
    public Map<Integer, Long> of(String topic) {
        try {
            TopicDescription description;
            try {
                description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return Map.of();
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(10, TimeUnit.SECONDS);
            Map<Integer, Long> result = new HashMap<>();
            ends.forEach((partition, info) -> result.put(partition.partition(), info.offset()));
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the end offsets of topic " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
