package org.streamingetl.sink.status;

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
 * further sink, with its own group and ClickHouse, announces as {@code sink-table/<group>:<topic>}.
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
        timer.scheduleWithFixedDelay(this::announceChanges, 1, periodSeconds, TimeUnit.SECONDS);
    }

    public void announceChangesNow() {
        announceChanges();
    }

    private synchronized void announceChanges() {
        for (SinkTableStatus status : board.tables()) {
            if (!status.equals(published.get(status.sourceTopic()))) {
                try {
                    publisher.publish(EventType.SinkTableStatus, keyPrefix + status.sourceTopic(), status);
                    published.put(status.sourceTopic(), status);
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot announce the status of %s on the control topic: %s", status.sourceTopic(),
                            e.getMessage());
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
