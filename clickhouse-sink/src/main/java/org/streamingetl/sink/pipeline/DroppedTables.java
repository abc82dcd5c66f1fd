package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.ClickHouseTables;
import org.streamingetl.sink.control.TableRegistry;

/**
 * Tables whose source table MySQL dropped (or renamed away). Their changes up to the drop are read and not written;
 * once every one of them is read, the ClickHouse table is dropped too and the offsets committed. Changes after the
 * drop belong to a table created again under the same name and wait for its announcement.
 */
final class DroppedTables {

    private static final Logger LOG = Logger.getLogger(DroppedTables.class);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final TableRegistry registry;
    private final ClickHouseTables tableManager;
    private final TableControl control;
    private final TableWriter writer;

    DroppedTables(Consumer<ByteBuffer, ByteBuffer> consumer, TableRegistry registry, ClickHouseTables tableManager,
                  TableControl control, TableWriter writer) {
        this.consumer = consumer;
        this.registry = registry;
        this.tableManager = tableManager;
        this.control = control;
        this.writer = writer;
    }

    /** True when the table's source table is dropped (its topic's last announcement is a drop). */
    boolean isDropped(SinkTable table) {
        return registry.dropped(table.topic);
    }

    /** True when the record at {@code offset} was made before the drop: read, never written. */
    boolean beforeDrop(SinkTable table, TopicPartition partition, long offset) {
        return offset < horizon(table).getOrDefault(partition, Long.MAX_VALUE);
    }

    /**
     * Once every change of the table's topic made before the drop is read, drops the ClickHouse table and commits
     * the offsets. Partitions paused for any reason are resumed first, so that the remaining changes are read.
     */
    void dropWhenCaughtUp(SinkTable table) {
        writer.settle(true);
        Map<TopicPartition, Long> horizon = horizon(table);
        for (TopicPartition partition : control.partitionsOf(table)) {
            if (consumer.position(partition, Duration.ofSeconds(5)) < horizon.getOrDefault(partition, 0L)) {
                consumer.resume(List.of(partition));
                return;
            }
        }
        Optional<TableId> droppedTable = registry.droppedTable(table.topic);
        if (droppedTable.isEmpty()) {
            return; // created again meanwhile
        }
        TableId id = droppedTable.get();
        String source = id.toString();
        String dropped;
        try {
            dropped = tableManager.drop(id.database(), id.table());
        } catch (ClickHouseRequestException e) {
            control.failed(table, "dropping the ClickHouse table of " + source, e);
            return;
        }
        try {
            consumer.commitSync(table.offsetsToCommit());
        } catch (KafkaException e) {
            LOG.warnf("Committing offsets of dropped table %s failed (%s); its records are read again, harmlessly",
                    source, e.getMessage());
        }
        table.clearBatch();
        table.dropped("table " + source + " is gone from MySQL (dropped, or renamed to another name); ClickHouse table "
                + dropped + " dropped too");
        LOG.info(table.reason());
        control.publish(table);
    }

    /** The end offsets of the table's partitions when the sink first saw the drop: the changes made before it. */
    private Map<TopicPartition, Long> horizon(SinkTable table) {
        if (table.dropHorizon() == null) {
            table.dropHorizon(consumer.endOffsets(control.partitionsOf(table), Duration.ofSeconds(10)));
        }
        return table.dropHorizon();
    }
}
