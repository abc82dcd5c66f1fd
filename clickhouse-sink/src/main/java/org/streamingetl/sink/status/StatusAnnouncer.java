package org.streamingetl.sink.status;

import org.streamingetl.common.health.PeriodicTask;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.kafka.ControlPublisher;

/**
 * Announces each table's {@code SinkTableStatus} on the control topic when it changed, checking every few seconds.
 * The key is {@code sink-table/<topic>} for the sink of the default consumer group ({@code clickhouse-sink}); a
 * further sink, with its own group and ClickHouse, announces as {@code sink-table/<group>:<topic>}. A table refused
 * because it shares its topic with another is announced per table, {@code sink-table/<topic>/<db>.<table>}; such a
 * key is removed (tombstone) when the table is no longer reported.
 */
public final class StatusAnnouncer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StatusAnnouncer.class);

    private final StatusBoard board;
    private final ControlPublisher publisher;
    private final Map<String, SinkTableStatus> published = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sink-status-announcer");
        t.setDaemon(true);
        return t;
    });

    private final String keyPrefix;

    public StatusAnnouncer(StatusBoard board, ControlPublisher publisher, String groupId) {
        this.board = board;
        this.publisher = publisher;
        this.keyPrefix = "clickhouse-sink".equals(groupId) ? "" : groupId + ":";
    }

    public void start(long periodSeconds) {
        timer.scheduleWithFixedDelay(PeriodicTask.guarded("Announcing the tables' status", this::announceChanges),
                1, periodSeconds, TimeUnit.SECONDS);
    }

    public void announceChangesNow() {
        announceChanges();
    }

    static String key(SinkTableStatus status) {
        return TableAudit.REFUSED.equals(status.state()) ? status.sourceTopic() + "/" + status.sourceTable()
                : status.sourceTopic();
    }

    private synchronized void announceChanges() {
        java.util.Set<String> current = new java.util.HashSet<>();
        for (SinkTableStatus status : board.tables()) {
            String key = key(status);
            current.add(key);
            if (!status.equals(published.get(key))) {
                try {
                    publisher.publish(EventType.SinkTableStatus, keyPrefix + key, status);
                    published.put(key, status);
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot announce the status of %s on the control topic: %s", key, e.getMessage());
                    return;
                }
            }
        }
        for (String gone : new java.util.ArrayList<>(published.keySet())) {
            if (!current.contains(gone) && gone.contains("/")) {
                try {
                    publisher.remove(EventType.SinkTableStatus, keyPrefix + gone);
                    published.remove(gone);
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot remove the status of %s from the control topic: %s", gone, e.getMessage());
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
