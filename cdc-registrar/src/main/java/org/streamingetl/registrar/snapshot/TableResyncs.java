package org.streamingetl.registrar.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableResync;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.topics.TableId;

/**
 * Re-sends tables whose rows a DDL statement changed without row events ({@link TableResync}): notes where each
 * table's data topic ends, asks Debezium for an incremental snapshot, announces the request, and announces its
 * completion when Debezium's notification for that signal reports the table's scan complete. Requests still open
 * are kept on the control topic, so a restarted registrar completes them.
 */
public final class TableResyncs {

    private static final Logger LOG = Logger.getLogger(TableResyncs.class);

    private final SnapshotSignals signals;
    private final TopicEnds ends;
    private final ControlPublisher publisher;
    private final Function<TableId, String> topicOf;
    private final Duration settle;
    /** Open requests by {@code db.table}. */
    private final Map<String, TableResync> open = new ConcurrentHashMap<>();

    /**
     * @param settle how long to wait after the DDL was seen before the topic's end is noted, so that change events
     *               Connect's producer sent before the DDL's schema change event are in the topic
     */
    public TableResyncs(SnapshotSignals signals, TopicEnds ends, ControlPublisher publisher,
                        Function<TableId, String> topicOf, Duration settle) {
        this.signals = signals;
        this.ends = ends;
        this.publisher = publisher;
        this.topicOf = topicOf;
        this.settle = settle;
    }

    /**
     * Requests again what the control topic still shows open (the registrar stopped before their completion was
     * announced, perhaps before the signal was written). A new request notes the topic's end again: rows removed
     * before the first request are still below it, so nothing is missed.
     */
    public void reopen(Collection<TableResync> announced) throws SQLException {
        Map<String, List<TableId>> byReason = new java.util.LinkedHashMap<>();
        for (TableResync resync : announced) {
            if (!resync.completed()) {
                byReason.computeIfAbsent(resync.reason(), r -> new ArrayList<>())
                        .add(new TableId(resync.database(), resync.table()));
            }
        }
        for (Map.Entry<String, List<TableId>> open : byReason.entrySet()) {
            LOG.infof("Re-send of %s was still open before the restart; requesting it again", open.getValue());
            request(open.getValue(), open.getKey());
        }
    }

    /**
     * Re-sends the tables (each must have a primary key: Debezium's incremental snapshot needs one); {@code reason}
     * is the statement that made it necessary.
     *
     * @throws SQLException when the signal cannot be written (the caller retries)
     */
    public synchronized void request(List<TableId> tables, String reason) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        sleep(settle);
        String signal = UUID.randomUUID().toString();
        String at = Instant.now().toString();
        List<TableResync> requests = new ArrayList<>();
        for (TableId table : tables) {
            String topic = topicOf.apply(table);
            requests.add(new TableResync(table.database(), table.table(), topic, reason, TableResync.REQUESTED,
                    signal, at, ends.of(topic), Map.of()));
        }
        for (TableResync resync : requests) {
            open.put(resync.qualifiedName(), resync);
            publisher.publish(EventType.TableResync, resync.qualifiedName(), resync);
        }
        signals.requestSnapshot(signal, tables);
        LOG.infof("Re-sending %s by an incremental snapshot (signal %s): '%s' changed their rows without row events",
                tables, signal, reason);
    }

    /** A Debezium notification: completes the request whose signal and table it reports scanned. */
    public void onNotification(JsonNode value) {
        JsonNode n = value.has("payload") ? value.path("payload") : value;
        String type = n.path("type").asText("");
        if (!type.equals("TABLE_SCAN_COMPLETED") && !type.equals("ABORTED")) {
            return;
        }
        String signal = n.path("id").asText("");
        JsonNode data = n.has("additional_data") ? n.path("additional_data") : n.path("additionalData");
        for (TableResync resync : List.copyOf(open.values())) {
            if (!resync.signal().equals(signal)) {
                continue;
            }
            if (type.equals("ABORTED")) {
                LOG.warnf("The incremental snapshot re-sending %s was aborted; request it again with POST "
                        + "/source/snapshot {\"tables\": [\"%s\"]}", resync.qualifiedName(), resync.qualifiedName());
                open.remove(resync.qualifiedName(), resync);
            } else if (resync.qualifiedName().equals(data.path("scanned_collection").asText(""))) {
                complete(resync, data.path("total_rows_scanned").asText("?"));
            }
        }
    }

    private void complete(TableResync resync, String rows) {
        try {
            TableResync done = resync.complete(ends.of(resync.topic()));
            publisher.publish(EventType.TableResync, done.qualifiedName(), done);
            open.remove(resync.qualifiedName(), resync);
            LOG.infof("Re-sent %s (%s rows); the sink now removes its rows whose last change precedes offsets %s of %s",
                    done.qualifiedName(), rows, done.staleBelow(), done.topic());
        } catch (RuntimeException e) {
            LOG.warnf("Re-send of %s completed but could not be announced (%s); the notification is read again at "
                    + "the next start", resync.qualifiedName(), e.getMessage());
        }
    }

    /** The open requests, {@code db.table} → the statement that caused it. */
    public Map<String, String> pending() {
        Map<String, String> pending = new java.util.TreeMap<>();
        open.forEach((table, resync) -> pending.put(table, resync.reason()));
        return pending;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
