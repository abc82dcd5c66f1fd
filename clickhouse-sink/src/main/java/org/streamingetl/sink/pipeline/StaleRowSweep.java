package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableResync;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.ClickHouseTables;
import org.streamingetl.sink.control.ResyncRegistry;

/**
 * After cdc-registrar re-sent a table ({@link TableResync}: a DDL statement changed its rows without row events),
 * removes from ClickHouse the keys whose last change lies below the offset noted before the re-send — MySQL no
 * longer has them. Runs once the sink has written and committed the table's topic up to where the re-send
 * completed, on the loop's thread; a completed re-send is applied once per process (applying it again changes
 * nothing).
 */
final class StaleRowSweep {

    private static final Logger LOG = Logger.getLogger(StaleRowSweep.class);
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final ResyncRegistry resyncs;
    private final ClickHouseTables tableManager;
    /** Topic → the signal of the re-send last applied. */
    private final Map<String, String> applied = new HashMap<>();
    private final Map<String, Long> lastCheck = new HashMap<>();
    private final Set<String> warnedPartitions = new HashSet<>();

    StaleRowSweep(Consumer<ByteBuffer, ByteBuffer> consumer, ResyncRegistry resyncs, ClickHouseTables tableManager) {
        this.consumer = consumer;
        this.resyncs = resyncs;
        this.tableManager = tableManager;
    }

    void tend(Collection<SinkTable> tables) {
        for (SinkTable table : tables) {
            if (table.state() != TableState.RUNNING || table.definition() == null) {
                continue;
            }
            Optional<TableResync> resync = resyncs.completed(table.topic);
            if (resync.isEmpty() || resync.get().signal().equals(applied.get(table.topic)) || !checkDue(table.topic)) {
                continue;
            }
            if (caughtUp(resync.get())) {
                sweep(table, resync.get());
            }
        }
    }

    private boolean checkDue(String topic) {
        long now = System.nanoTime();
        Long last = lastCheck.get(topic);
        if (last != null && now - last < CHECK_INTERVAL_NANOS) {
            return false;
        }
        lastCheck.put(topic, now);
        return true;
    }

    /** True when the sink's committed offsets reached the topic's end at the re-send's completion. */
    private boolean caughtUp(TableResync resync) {
        Set<TopicPartition> partitions = new HashSet<>();
        resync.completedUpTo().keySet().forEach(p -> partitions.add(new TopicPartition(resync.topic(), p)));
        if (partitions.isEmpty()) {
            return true;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, Duration.ofSeconds(5));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null || offset.offset() < resync.completedUpTo().get(partition.partition())) {
                    return false;
                }
            }
            return true;
        } catch (KafkaException e) {
            LOG.debugf("Reading committed offsets of %s failed: %s", resync.topic(), e.getMessage());
            return false;
        }
    }

    private void sweep(SinkTable table, TableResync resync) {
        if (!table.definition().hasPrimaryKey()) {
            applied.put(table.topic, resync.signal());
            return;
        }
        long staleBelow = resync.staleBelow().values().stream().mapToLong(Long::longValue).min().orElse(0);
        if (resync.staleBelow().size() > 1 && warnedPartitions.add(table.topic)) {
            LOG.warnf("Topic %s has %d partitions: after the re-send of %s only keys whose last change precedes "
                    + "offset %d in every partition can be removed; a row MySQL lost by '%s' may remain. Compare the "
                    + "table and re-create it if needed", table.topic, resync.staleBelow().size(),
                    resync.qualifiedName(), staleBelow, resync.reason());
        }
        try {
            long removed = staleBelow <= 0 ? 0 : tableManager.removeStale(table.definition(), staleBelow);
            applied.put(table.topic, resync.signal());
            LOG.infof("Re-send of %s after '%s' applied: %d row(s) MySQL no longer has removed from ClickHouse "
                    + "table %s", resync.qualifiedName(), resync.reason(), removed, table.definition().qualifiedName());
        } catch (ClickHouseRequestException e) {
            LOG.warnf("Removing the rows %s lost by '%s' from ClickHouse table %s failed, trying again: %s",
                    resync.qualifiedName(), resync.reason(), table.definition().qualifiedName(), e.getMessage());
        }
    }
}
