package org.streamingetl.sink.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.decode.SourcePosition;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * The sink's state of one data topic and its ClickHouse table: the definition in use and how events' fields map
 * onto its columns ({@link ColumnResolution}), the open batch and its rewind ({@link TableBatch}), the table's
 * state and backoff ({@link TableLifecycle}) and the wait for an announcement ({@link AnnouncementWait}). Used by the
 * sink loop's thread only.
 */
final class SinkTable {

    final String topic;
    private final ColumnResolution columns = new ColumnResolution();
    private final TableBatch batches;
    private final TableLifecycle lifecycle = new TableLifecycle();
    private final AnnouncementWait announcementWait = new AnnouncementWait();
    private TableCaptured captured;
    private TableDefinition definition;
    private List<String> insertColumns = List.of();

    /** Where in the binlog the last change handled comes from (null: none, or not a Debezium change). */
    private SourcePosition lastSource;
    private long rowsWritten;

    SinkTable(String topic) {
        this(topic, 1);
    }

    /** {@code latencyStride}: every how many rows one's latency is measured ({@code sink.latency.sample-every}). */
    SinkTable(String topic, int latencyStride) {
        this.topic = topic;
        this.batches = new TableBatch(latencyStride);
    }

    TableCaptured captured() {
        return captured;
    }

    TableDefinition definition() {
        return definition;
    }

    /** The columns of an insert: the source columns, then {@code _version}, {@code _deleted}, {@code _ingested_at}. */
    List<String> insertColumns() {
        return insertColumns;
    }

    long rowsWritten() {
        return rowsWritten;
    }

    /** Takes a new announced structure and its ClickHouse definition, and runs. */
    void use(TableCaptured newCaptured, TableDefinition newDefinition) {
        columns.use(newCaptured, newDefinition);
        captured = newCaptured;
        definition = newDefinition;
        announcementWait.reset();
        List<String> names = new ArrayList<>();
        for (ClickHouseColumn c : newDefinition.sourceColumns()) {
            names.add(c.name());
        }
        names.add(TableDefinition.VERSION);
        names.add(TableDefinition.DELETED);
        names.add(TableDefinition.INGESTED_AT);
        insertColumns = List.copyOf(names);
        run();
    }

    /** See {@link ColumnResolution#unknownField}. */
    String unknownField(Map<String, Object> image) {
        return columns.unknownField(image);
    }

    /**
     * Appends the row of a change, or leaves the batch untouched when a value cannot be written. An update that moves
     * the row to another sorting key ({@link SortingKeyMove}) first gets a delete row under the key it leaves.
     */
    void append(ChangeEvent event, long version, long ingestedAtEpochSecond) {
        Batch batch = batches.open();
        RowBinaryOutput rows = batch.rows();
        int mark = rows.size();
        Map<String, Object> left;
        try {
            left = SortingKeyMove.leftRow(event, definition);
            if (left != null) {
                writeRow(rows, left, version, true, ingestedAtEpochSecond);
            }
            writeRow(rows, event.image(), version, event.isDelete(), ingestedAtEpochSecond);
        } catch (RuntimeException e) {
            rows.truncate(mark);
            throw e;
        }
        if (left != null) {
            batch.rowAdded();
        }
        batch.rowAdded();
        announcementWait.written(event.rowSchema());
    }

    private void writeRow(RowBinaryOutput rows, Map<String, Object> image, long version, boolean deleted,
                          long ingestedAtEpochSecond) {
        columns.writeColumns(rows, image);
        rows.writeInt64(version);
        rows.writeByte(deleted ? 1 : 0);
        rows.writeInt32((int) ingestedAtEpochSecond);
    }

    /** See {@link AnnouncementWait#mayAwait}. */
    boolean mayAwaitAnnouncement(ChangeEvent event) {
        return announcementWait.mayAwait(event);
    }

    /** Starts (or continues) waiting for a new announcement; true while the wait is shorter than {@code limit}. */
    boolean awaitAnnouncement(String why, Duration limit) {
        if (!announcementWait.begin(limit)) {
            return false;
        }
        waitForSchema(why);
        return true;
    }

    /** True when a wait begun by {@link #awaitAnnouncement} has run out: the record is to be tried (and refused) again. */
    boolean schemaWaitDue(Duration limit) {
        return announcementWait.due(limit);
    }

    // The batch and its rewind (see TableBatch).

    /**
     * The row just appended came from a change committed at {@code sourceMs} (-1: unknown) whose Kafka record has
     * timestamp {@code kafkaMs}: its latency may be measured once the batch is in ClickHouse.
     */
    void sampleLatency(long sourceMs, long kafkaMs) {
        batches.open().latency().add(sourceMs, kafkaMs);
    }

    SourcePosition lastSource() {
        return lastSource;
    }

    void lastSource(SourcePosition source) {
        if (source != null) {
            lastSource = source;
        }
    }

    /** The record at {@code offset} is handled (written into the batch, or nothing to write). */
    void consumed(TopicPartition partition, long offset) {
        batches.open().covers(partition, offset);
    }

    int rowCount() {
        return batches.open().rowCount();
    }

    int bytes() {
        return batches.open().bytes();
    }

    RowBinaryOutput rows() {
        return batches.open().rows();
    }

    boolean hasPending() {
        return !batches.open().isEmpty();
    }

    long ageNanos() {
        return batches.open().ageNanos();
    }

    /** The offsets to commit once the open batch is in ClickHouse. */
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        return batches.open().offsetsToCommit();
    }

    /** Takes the open batch to write it; the table goes on filling a new one. */
    Batch takeBatch() {
        return batches.take();
    }

    /** A taken batch is in ClickHouse (its offsets committed): counted, and its buffer kept for a later batch. */
    void written(Batch written) {
        rowsWritten += written.rowCount();
        lifecycle.resetBackoff();
        batches.recycle(written);
    }

    /** Drops the open batch; its records will be read again from the last committed offsets. */
    void clearBatch() {
        batches.clear();
    }

    /** See {@link TableBatch#rewind}. */
    Map<TopicPartition, Long> rewind(Batch failed) {
        return batches.rewind(failed);
    }

    /** Where reading of {@code partition} starts again after a rewind since the last poll, or null. */
    Long rewoundTo(TopicPartition partition) {
        return batches.rewoundTo(partition);
    }

    boolean rewound() {
        return batches.rewound();
    }

    /** A new poll: records read before the rewind are all handled. */
    void polled() {
        batches.polled();
    }

    // State and backoff (see TableLifecycle).

    TableState state() {
        return lifecycle.state();
    }

    String reason() {
        return lifecycle.reason();
    }

    boolean accepting() {
        return lifecycle.state() == TableState.RUNNING;
    }

    void run() {
        lifecycle.run();
    }

    void waitForSchema(String why) {
        lifecycle.waitForSchema(why);
    }

    Map<TopicPartition, Long> dropHorizon() {
        return lifecycle.dropHorizon();
    }

    void dropHorizon(Map<TopicPartition, Long> offsets) {
        lifecycle.dropHorizon(offsets);
    }

    void dropped(String why) {
        lifecycle.dropped(why);
    }

    void haltAt(TopicPartition partition, long offset, String why) {
        lifecycle.haltAt(partition, offset, why);
    }

    /** The partition of the record a halt stopped at (it went to the dead-letter topic), or null. */
    TopicPartition haltedPartition() {
        return lifecycle.haltedPartition();
    }

    long haltedOffset() {
        return lifecycle.haltedOffset();
    }

    void halt(String why) {
        lifecycle.halt(why);
    }

    void retryLater(String why, Duration initial, Duration max) {
        lifecycle.retryLater(why, initial, max);
    }

    Duration backoff() {
        return lifecycle.backoff();
    }

    boolean retryDue() {
        return lifecycle.retryDue();
    }

    long statusChangedAtNanos() {
        return lifecycle.statusChangedAtNanos();
    }
}
