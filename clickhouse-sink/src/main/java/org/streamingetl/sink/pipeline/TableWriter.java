package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * Writes tables' batches into ClickHouse and commits their Kafka offsets once ClickHouse acknowledged them. One
 * insert is in flight at a time (on the {@link Inserter}'s thread) while the loop fills the next batch; a batch that
 * cannot be written rewinds its table to the batch's first records ({@link SinkTable#rewind}), which it reads again
 * after its backoff. Used by the loop's thread only.
 */
final class TableWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TableWriter.class);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final Inserter inserter;
    private final TableControl control;
    private final StatusBoard board;
    private final SinkMetrics metrics;

    TableWriter(Consumer<ByteBuffer, ByteBuffer> consumer, Inserter inserter, TableControl control,
                StatusBoard board, SinkMetrics metrics) {
        this.consumer = consumer;
        this.inserter = inserter;
        this.control = control;
        this.board = board;
        this.metrics = metrics;
    }

    /**
     * Writes the table's batch and waits until it is in ClickHouse and its offsets committed (and any other insert
     * in flight settled); false when it could not be written (the table then reads it again after its backoff).
     */
    boolean flush(SinkTable table) {
        handOff(table);
        settle(true);
        return !table.rewound();
    }

    /**
     * Starts writing the table's batch, once the insert in flight (of any table) is settled: the loop goes on
     * decoding while ClickHouse takes the rows. A batch without rows (only tombstones, say) is only committed.
     */
    void handOff(SinkTable table) {
        settle(true);
        if (table.rewound() || !table.hasPending()) {
            return;
        }
        Batch batch = table.takeBatch();
        String target = table.definition() == null ? table.topic : table.definition().qualifiedName();
        if (batch.rowCount() == 0) {
            settle(new Inserter.Finished(table, batch, target, null, Duration.ZERO));
        } else {
            inserter.start(table, batch, target, table.insertColumns());
        }
    }

    /** Settles the insert in flight when it is done ({@code wait}: waits for it); nothing when none is. */
    void settle(boolean wait) {
        settle(inserter.finished(wait));
    }

    /** Commits the offsets of a batch ClickHouse acknowledged; a failed one rewinds its table. */
    private void settle(Inserter.Finished finished) {
        if (finished == null) {
            return;
        }
        SinkTable table = finished.table();
        Batch batch = finished.batch();
        int rows = batch.rowCount();
        if (finished.failure() != null) {
            control.seek(table.rewind(batch));
            control.failed(table, "inserting " + rows + " rows into " + finished.target(), finished.failure());
            return;
        }
        if (rows > 0) {
            board.clickHouseOk();
            metrics.written(table.definition().displayName(), rows, batch.bytes(), finished.took());
        }
        try {
            consumer.commitSync(batch.offsetsToCommit());
        } catch (KafkaException e) {
            // The rows are in ClickHouse; re-reading them later writes the same _version, which FINAL collapses.
            LOG.warnf("Committing offsets of %s failed (%s); its last %d rows may be written again, harmlessly",
                    table.topic, e.getMessage(), rows);
        }
        boolean recovered = !table.backoff().isZero();
        table.written(batch);
        if (recovered && rows > 0) {
            LOG.infof("ClickHouse is back: table %s is written again", finished.target());
        }
        control.publish(table);
    }

    @Override
    public void close() {
        settle(true);
        inserter.close();
    }
}
