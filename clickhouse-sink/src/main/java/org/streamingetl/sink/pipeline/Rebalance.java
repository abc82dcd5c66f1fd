package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * On a rebalance, writes what can be written and forgets the batches of partitions the sink loses; partitions it
 * gets of a table that is not running stay paused. Called by the consumer on the sink loop's thread (during a poll).
 */
final class Rebalance implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(Rebalance.class);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final Map<String, SinkTable> tables;
    private final TableWriter writer;
    private final StaticMembership membership;

    Rebalance(Consumer<ByteBuffer, ByteBuffer> consumer, Map<String, SinkTable> tables, TableWriter writer,
              StaticMembership membership) {
        this.consumer = consumer;
        this.tables = tables;
        this.writer = writer;
        this.membership = membership;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        writer.settle(true);
        for (TopicPartition partition : partitions) {
            SinkTable table = tables.get(partition.topic());
            if (table != null) {
                if (table.accepting()) {
                    writer.flush(table);
                }
                table.clearBatch();
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        membership.assigned();
        // One line per assignment: how long a (re)started instance waited for its partitions shows in the log.
        LOG.infof("Kafka assigned this instance %d partitions of %d topics (group generation %d)", partitions.size(),
                partitions.stream().map(TopicPartition::topic).distinct().count(),
                consumer.groupMetadata().generationId());
        for (TopicPartition partition : partitions) {
            SinkTable table = tables.get(partition.topic());
            if (table != null && !table.accepting()) {
                consumer.pause(List.of(partition));
            }
        }
    }
}
