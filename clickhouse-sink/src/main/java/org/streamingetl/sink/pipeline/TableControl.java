package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * What the sink loop does to one table's Kafka partitions and status: pause, resume, seek back, report (health,
 * control topic, lag metrics), and the two ways a table stops — retrying after a backoff, or halted with a reason.
 * Used by the loop's thread only (the Kafka consumer is not thread-safe).
 */
final class TableControl {

    private static final Logger LOG = Logger.getLogger(TableControl.class);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final SinkConfig.Retry retry;
    private final StatusBoard board;
    private final SinkMetrics metrics;

    TableControl(Consumer<ByteBuffer, ByteBuffer> consumer, SinkConfig.Retry retry, StatusBoard board,
                 SinkMetrics metrics) {
        this.consumer = consumer;
        this.retry = retry;
        this.board = board;
        this.metrics = metrics;
    }

    Set<TopicPartition> partitionsOf(SinkTable table) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (partition.topic().equals(table.topic)) {
                partitions.add(partition);
            }
        }
        return partitions;
    }

    void pause(SinkTable table) {
        consumer.pause(partitionsOf(table));
    }

    void resume(SinkTable table) {
        consumer.resume(partitionsOf(table));
    }

    /** Seeks a partition back to a record not handled, never past where a failed insert's table reads again. */
    void seekBack(SinkTable table, TopicPartition partition, long offset) {
        Long rewound = table.rewoundTo(partition);
        consumer.seek(partition, rewound == null ? offset : Math.min(rewound, offset));
    }

    /** Reading starts again at these offsets (partitions no longer assigned are left to their new owner). */
    void seek(Map<TopicPartition, Long> positions) {
        Set<TopicPartition> assigned = consumer.assignment();
        positions.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /** A request to ClickHouse for the table failed: it waits and tries again, or halts when waiting cannot help. */
    void failed(SinkTable table, String what, ClickHouseRequestException e) {
        if (e.retriable()) {
            board.clickHouseProblem(e.getMessage());
            table.retryLater(what + " failed: " + e.getMessage(), retry.initialBackoff(), retry.maxBackoff());
            LOG.warnf("%s failed, retrying in %d ms: %s", what, table.backoff().toMillis(), e.getMessage());
            pause(table);
            publish(table);
        } else {
            table.clearBatch();
            halt(table, what + " failed: " + e.getMessage());
        }
    }

    /** The table cannot go on for now (e.g. its record's schema cannot be fetched): it waits and tries again. */
    void retryLater(SinkTable table, String why) {
        table.retryLater(why, retry.initialBackoff(), retry.maxBackoff());
        LOG.warnf("Table of topic %s waits %d ms: %s", table.topic, table.backoff().toMillis(), why);
        pause(table);
        publish(table);
    }

    void halt(SinkTable table, String why) {
        table.halt(why);
        halted(table);
    }

    /** Stops reading a table that just halted, and says so. */
    void halted(SinkTable table) {
        pause(table);
        LOG.errorf("Table of topic %s HALTED: %s", table.topic, table.reason());
        publish(table);
    }

    /** Reports the table's state, rows written and lag (health, control topic, metrics). */
    void publish(SinkTable table) {
        long lag = 0;
        for (TopicPartition partition : partitionsOf(table)) {
            long partitionLag = consumer.currentLag(partition).orElse(0);
            metrics.lag(partition.topic(), partition.partition(), partitionLag);
            lag += partitionLag;
        }
        String name = table.definition() == null ? null : table.definition().database() + "." + table.definition().name();
        board.update(new SinkTableStatus(table.topic, name, table.state().name(), table.rowsWritten(), lag,
                table.state() == TableState.RUNNING ? null : table.reason(),
                table.captured() == null ? null : table.captured().qualifiedName()));
    }
}
