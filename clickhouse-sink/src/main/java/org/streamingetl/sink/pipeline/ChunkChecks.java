package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.common.verify.ChunkVerified;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;
import org.streamingetl.sink.clickhouse.TableManager;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.decode.SourcePosition;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.verify.ChunkChecksumSql;
import org.streamingetl.sink.verify.VerifyAnswers;
import org.streamingetl.sink.verify.VerifyMarker;

/**
 * The sink's part of the drift check, on the loop's thread. A marker row (cdc-registrar's chunk count and checksum,
 * written through the binlog) waits here until its table has been written exactly up to it: when the table's next
 * change comes from after the marker in the binlog, or when the table has read its topic to the end (read
 * {@code sink.verify.settle} after the marker arrived). Then the table's batch is written and ClickHouse's count and
 * checksum of the chunk are answered. A table that had already written a change from after the marker answers
 * {@code LATE} (cdc-registrar asks again).
 */
public final class ChunkChecks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChunkChecks.class);

    private record Pending(VerifyMarker marker, long seenAtNanos) {
    }

    private final String sink;
    private final String markerTable;
    private final long settleNanos;
    private final Topics topics;
    private final TableRegistry registry;
    private final ClickHouseGateway gateway;
    private final TableManager tableManager;
    private final VerifyAnswers answers;
    private final Map<String, List<Pending>> pendingByTopic = new HashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();

    /** No drift checks (the loop's unit tests): no table is the marker table. */
    static ChunkChecks none(TableRegistry registry) {
        return new ChunkChecks("none", "", Duration.ZERO, null, registry, null, null, null);
    }

    public ChunkChecks(String sink, String markerTable, Duration settle, Topics topics, TableRegistry registry,
                ClickHouseGateway gateway, TableManager tableManager, VerifyAnswers answers) {
        this.sink = sink;
        this.markerTable = markerTable;
        this.settleNanos = settle.toNanos();
        this.topics = topics;
        this.registry = registry;
        this.gateway = gateway;
        this.tableManager = tableManager;
        this.answers = answers;
    }

    /** True for the marker table's topic. */
    boolean isMarkerTopic(String topic) {
        return registry.forTopic(topic).map(this::isMarker).orElse(false);
    }

    /** True for the marker table. */
    boolean isMarker(TableCaptured table) {
        return table != null && table.table().equals(markerTable);
    }

    /** A change of the marker table was handled: a new marker waits for its table (or is LATE already). */
    void markerSeen(ChangeEvent event, Map<String, SinkTable> tables) {
        if (event.isDelete() || event.after() == null) {
            return;
        }
        VerifyMarker marker;
        try {
            marker = VerifyMarker.of(event.after(), event.source());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Drift check marker ignored: %s", e.getMessage());
            return;
        }
        if (!seen.add(marker.id())) {
            return; // read again after a rewind
        }
        if (seen.size() > 10_000) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        String topic = topicOf(marker.table());
        SinkTable table = tables.get(topic);
        SourcePosition position = marker.position();
        if (table != null && table.lastSource() != null && position != null
                && table.lastSource().after(position.file(), position.pos())) {
            answer(marker, ChunkVerified.LATE, -1, null, "the sink had already written a change from after the marker"
                    + " (binlog " + table.lastSource().file() + ":" + table.lastSource().pos() + ")");
            return;
        }
        pendingByTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(new Pending(marker, System.nanoTime()));
    }

    /**
     * Before the table handles a change from {@code source}: the markers that precede it are answered first (the
     * table's batch written). False when the batch could not be written: the change is to be read again later.
     */
    boolean beforeChange(SinkTable table, SourcePosition source, TableWriter writer) {
        List<Pending> pending = pendingByTopic.get(table.topic);
        if (pending == null || pending.isEmpty() || source == null) {
            return true;
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            SourcePosition at = p.marker().position();
            if (at == null || source.after(at.file(), at.pos())) {
                if (!writer.flush(table)) {
                    return false;
                }
                check(table, p.marker());
                it.remove();
            }
        }
        return true;
    }

    /** After each poll: markers whose table has read its topic to the end (as it was after the settle time). */
    void tend(Map<String, SinkTable> tables, Consumer<ByteBuffer, ByteBuffer> consumer, TableWriter writer) {
        topics:
        for (Iterator<Map.Entry<String, List<Pending>>> it = pendingByTopic.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Pending>> entry = it.next();
            List<Pending> pending = entry.getValue();
            if (pending.isEmpty()) {
                it.remove();
                continue;
            }
            if (System.nanoTime() - pending.get(0).seenAtNanos() < settleNanos) {
                continue;
            }
            SinkTable table = tables.get(entry.getKey());
            if (table != null && !table.accepting()) {
                continue;
            }
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(entry.getKey(), Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(entry.getKey(), p.partition())).toList();
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
                for (TopicPartition partition : partitions) {
                    long end = ends.getOrDefault(partition, 0L);
                    boolean assigned = consumer.assignment().contains(partition);
                    if (end > 0 && (!assigned || consumer.position(partition, Duration.ofSeconds(5)) < end)) {
                        continue topics; // not read to the end yet (or another sink instance reads it)
                    }
                }
            } catch (KafkaException e) {
                LOG.debugf("Reading the end of %s failed: %s", entry.getKey(), e.getMessage());
                continue;
            }
            if (table != null && !writer.flush(table)) {
                continue;
            }
            for (Pending p : pending) {
                check(table, p.marker());
            }
            it.remove();
        }
    }

    /** ClickHouse's count and checksum of the marker's chunk, answered. */
    private void check(SinkTable table, VerifyMarker marker) {
        Optional<TableCaptured> captured = registry.forTopic(topicOf(marker.table()));
        if (captured.isEmpty()) {
            answer(marker, ChunkVerified.FAILED, -1, null, "the sink has no announcement of " + marker.table());
            return;
        }
        try {
            // A table the sink has not read a change of since it started is defined from its announcement.
            TableDefinition definition = table != null && table.definition() != null ? table.definition()
                    : tableManager.define(captured.get());
            if (table == null && gateway.columns(definition.database(), definition.name()).isEmpty()) {
                // Never written: ClickHouse has no row of it.
                answer(marker, marker.rows() == 0 ? ChunkVerified.EQUAL : ChunkVerified.DIFFERENT, 0, "0", null);
                return;
            }
            String[] result = gateway.queryText(ChunkChecksumSql.query(captured.get(), definition, marker))
                    .trim().split("\t");
            long rows = Long.parseLong(result[0]);
            String sum = result[1];
            boolean equal = rows == marker.rows() && sum.equals(marker.checksum());
            answer(marker, equal ? ChunkVerified.EQUAL : ChunkVerified.DIFFERENT, rows, sum, null);
        } catch (RuntimeException e) {
            answer(marker, ChunkVerified.FAILED, -1, null, e.getMessage());
        }
    }

    private void answer(VerifyMarker m, String state, long rows, String sum, String reason) {
        if (!ChunkVerified.EQUAL.equals(state)) {
            LOG.infof("Drift check %s, chunk %d of %s: %s (MySQL %d rows, ClickHouse %d)%s", m.checkId(), m.chunk(),
                    m.table(), state, m.rows(), rows, reason == null ? "" : ": " + reason);
        }
        answers.send(new ChunkVerified(sink, m.checkId(), m.table(), m.chunk(), m.attempt(), state, m.rows(), rows,
                m.checksum(), sum, m.lower(), m.upper(), reason));
    }

    private String topicOf(String qualifiedTable) {
        int dot = qualifiedTable.indexOf('.');
        return topics.data(qualifiedTable.substring(0, dot), qualifiedTable.substring(dot + 1));
    }

    @Override
    public void close() {
        if (answers != null) {
            answers.close();
        }
    }
}
