package org.streamingetl.sink.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.decode.RowImage;
import org.streamingetl.sink.decode.RowLayout;
import org.streamingetl.sink.decode.SourcePosition;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * The sink's state of one data topic and its ClickHouse table: the definition in use, the open batch (RowBinary
 * rows plus the Kafka offsets they cover), and the table's state. Used by the sink loop's thread only.
 */
final class SinkTable {

    final String topic;
    private TableState state = TableState.WAITING_FOR_SCHEMA;
    private String reason = "waiting for the table's TableCaptured announcement on the control topic";
    private TableCaptured captured;
    private TableDefinition definition;
    private List<String> insertColumns = List.of();
    private final Set<String> knownColumns = new HashSet<>();
    private final Set<String> retiredColumns = new HashSet<>();
    /** Renames seen so far, old name to new name: events written before a rename carry the old name. */
    private final Map<String, String> renames = new HashMap<>();
    /** Per source column (same order), the former names whose values it takes when an event lacks its name. */
    private List<List<String>> formerNames = List.of();

    /**
     * The last row layout seen with the current definition, where each column's value is in it (-1: not there),
     * and whether all its fields are known: worked out once per layout instead of once per row.
     */
    private RowLayout mappedLayout;
    private int[] mappedPositions;
    private boolean mappedLayoutKnown;

    /** Row schema of the first record written with the current definition; null until one is written. */
    private Object rowSchemaOfDefinition;
    private long schemaWaitStartedNanos;
    private boolean schemaWaitOver;

    /** For a dropped table: the end offsets when the drop was seen, or null. */
    private Map<TopicPartition, Long> dropHorizon;

    /** The batch being filled, and an emptied one kept for the next batch while this one is written. */
    private final int latencyStride;
    private Batch batch;
    private Batch spare;
    /** Per partition, where reading starts again after a failed insert (see {@link #rewind}); null when none. */
    private Map<TopicPartition, Long> rewoundTo;

    /** Where in the binlog the last change handled comes from (null: none, or not a Debezium change). */
    private SourcePosition lastSource;
    private long rowsWritten;
    private long retryAtNanos;
    private Duration backoff = Duration.ZERO;
    private long statusChangedAtNanos = System.nanoTime();

    SinkTable(String topic) {
        this(topic, 1);
    }

    /** {@code latencyStride}: every how many rows one's latency is measured ({@code sink.latency.sample-every}). */
    SinkTable(String topic, int latencyStride) {
        this.topic = topic;
        this.latencyStride = latencyStride;
        this.batch = new Batch(new RowBinaryOutput(64 * 1024), latencyStride);
    }

    TableState state() {
        return state;
    }

    String reason() {
        return reason;
    }

    TableCaptured captured() {
        return captured;
    }

    TableDefinition definition() {
        return definition;
    }

    List<String> insertColumns() {
        return insertColumns;
    }

    long rowsWritten() {
        return rowsWritten;
    }

    boolean accepting() {
        return state == TableState.RUNNING;
    }

    void use(TableCaptured newCaptured, TableDefinition newDefinition) {
        for (String column : knownColumns) {
            if (newCaptured.columns().stream().noneMatch(c -> c.name().equals(column))) {
                retiredColumns.add(column);
            }
        }
        captured = newCaptured;
        definition = newDefinition;
        renames.putAll(newCaptured.renamedColumns());
        retiredColumns.addAll(newCaptured.formerColumns());
        knownColumns.clear();
        List<String> columns = new ArrayList<>();
        List<List<String>> former = new ArrayList<>();
        for (ClickHouseColumn c : newDefinition.sourceColumns()) {
            columns.add(c.name());
            knownColumns.add(c.name());
            retiredColumns.remove(c.name());
            former.add(formerNamesOf(c.name()));
        }
        formerNames = former;
        mappedLayout = null;
        rowSchemaOfDefinition = null;
        schemaWaitStartedNanos = 0;
        schemaWaitOver = false;
        columns.add(TableDefinition.VERSION);
        columns.add(TableDefinition.DELETED);
        columns.add(TableDefinition.INGESTED_AT);
        insertColumns = List.copyOf(columns);
        run();
    }

    /** The old names that lead to {@code column} through the renames seen, nearest first. */
    private List<String> formerNamesOf(String column) {
        List<String> names = new ArrayList<>();
        for (String old : renames.keySet()) {
            String name = old;
            for (int hops = 0; hops <= renames.size() && renames.containsKey(name); hops++) {
                name = renames.get(name);
                if (name.equals(column)) {
                    names.add(old);
                    break;
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The first field of a row image that the table's schema does not know and never knew, or null. A field of a
     * column MySQL dropped (the table knew it once) is not unknown: old events still carry it.
     */
    String unknownField(Map<String, Object> image) {
        if (image instanceof RowImage row && row.layout() == mappedLayout && mappedLayoutKnown) {
            return null;
        }
        for (String field : image.keySet()) {
            if (!known(field)) {
                return field;
            }
        }
        return null;
    }

    /** A field of a column the table has, had (dropped in MySQL), or had under an old name. */
    private boolean known(String field) {
        return knownColumns.contains(field) || retiredColumns.contains(field) || renames.containsKey(field);
    }

    /** Appends the row of a change, or leaves the batch untouched when a value cannot be written. */
    void append(ChangeEvent event, long version, long ingestedAtEpochSecond) {
        Map<String, Object> image = event.image();
        RowImage row = image instanceof RowImage r ? r : null;
        int[] positions = row == null ? null : positionsIn(row.layout());
        RowBinaryOutput rows = batch.rows();
        int mark = rows.size();
        try {
            List<ClickHouseColumn> columns = definition.sourceColumns();
            for (int i = 0; i < columns.size(); i++) {
                ClickHouseColumn column = columns.get(i);
                int position = positions == null ? -1 : positions[i];
                Object value = position >= 0 && row.has(position) ? row.valueAt(position)
                        : valueOf(image, column, formerNames.get(i));
                try {
                    column.writer().write(rows, value);
                } catch (RuntimeException e) {
                    throw new RowRejectedException("column " + column.name() + " (" + column.type() + "): "
                            + e.getMessage(), e);
                }
            }
            rows.writeInt64(version);
            rows.writeByte(event.isDelete() ? 1 : 0);
            rows.writeInt32((int) ingestedAtEpochSecond);
        } catch (RuntimeException e) {
            rows.truncate(mark);
            throw e;
        }
        batch.rowAdded();
        if (rowSchemaOfDefinition == null) {
            rowSchemaOfDefinition = event.rowSchema();
        }
    }

    /** Where each source column's value is in rows of {@code layout}: its own field, else a former name's, else -1. */
    private int[] positionsIn(RowLayout layout) {
        if (layout != mappedLayout) {
            List<ClickHouseColumn> columns = definition.sourceColumns();
            int[] positions = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                positions[i] = layout.positionOf(columns.get(i).name());
                for (String former : formerNames.get(i)) {
                    if (positions[i] < 0) {
                        positions[i] = layout.positionOf(former);
                    }
                }
            }
            boolean known = true;
            for (String field : layout.names()) {
                known &= known(field);
            }
            mappedLayout = layout;
            mappedPositions = positions;
            mappedLayoutKnown = known;
        }
        return mappedPositions;
    }

    private static Object valueOf(Map<String, Object> image, ClickHouseColumn column, List<String> formerNames) {
        if (image.containsKey(column.name())) {
            return image.get(column.name());
        }
        for (String former : formerNames) {
            if (image.containsKey(former)) {
                return image.get(former);
            }
        }
        return column.missingValue();
    }

    /**
     * True when a record that does not fit may be ahead of its announcement: its row schema is not the one the
     * current definition's records had (or none was written yet), and the wait for a new announcement is not over.
     */
    boolean mayAwaitAnnouncement(ChangeEvent event) {
        if (schemaWaitOver) {
            return false;
        }
        return rowSchemaOfDefinition == null || !rowSchemaOfDefinition.equals(event.rowSchema());
    }

    /** Starts (or continues) waiting for a new announcement; true while the wait is shorter than {@code limit}. */
    boolean awaitAnnouncement(String why, Duration limit) {
        if (schemaWaitStartedNanos == 0) {
            schemaWaitStartedNanos = System.nanoTime();
        }
        if (System.nanoTime() - schemaWaitStartedNanos >= limit.toNanos()) {
            schemaWaitOver = true;
            return false;
        }
        waitForSchema(why);
        return true;
    }

    /** True when a wait begun by {@link #awaitAnnouncement} has run out: the record is to be tried (and refused) again. */
    boolean schemaWaitDue(Duration limit) {
        return schemaWaitStartedNanos != 0 && !schemaWaitOver
                && System.nanoTime() - schemaWaitStartedNanos >= limit.toNanos();
    }

    /**
     * The row just appended came from a change committed at {@code sourceMs} (-1: unknown) whose Kafka record has
     * timestamp {@code kafkaMs}: its latency may be measured once the batch is in ClickHouse.
     */
    void sampleLatency(long sourceMs, long kafkaMs) {
        batch.latency().add(sourceMs, kafkaMs);
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
        batch.covers(partition, offset);
    }

    int rowCount() {
        return batch.rowCount();
    }

    int bytes() {
        return batch.bytes();
    }

    RowBinaryOutput rows() {
        return batch.rows();
    }

    boolean hasPending() {
        return !batch.isEmpty();
    }

    long ageNanos() {
        return batch.ageNanos();
    }

    /** The offsets to commit once the batch is in ClickHouse. */
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        return batch.offsetsToCommit();
    }

    /** Takes the open batch to write it; the table goes on filling a new one. */
    Batch takeBatch() {
        Batch taken = batch;
        batch = spare != null ? spare : new Batch(new RowBinaryOutput(64 * 1024), latencyStride);
        spare = null;
        return taken;
    }

    /** A taken batch is in ClickHouse (its offsets committed): counted, and its buffer kept for a later batch. */
    void written(Batch written) {
        rowsWritten += written.rowCount();
        backoff = Duration.ZERO;
        written.clear();
        spare = written;
    }

    /** Drops the open batch; its records will be read again from the last committed offsets. */
    void clearBatch() {
        batch.clear();
    }

    /**
     * A batch could not be written: it and everything read after it are dropped, and reading starts again at its
     * first records (returned, per partition; nothing after them was committed). Until the next poll, a seek of
     * these partitions never goes past them ({@link #rewoundTo}).
     */
    Map<TopicPartition, Long> rewind(Batch failed) {
        Map<TopicPartition, Long> positions = new HashMap<>(batch.firstOffsets());
        if (failed != batch) {
            failed.firstOffsets().forEach((tp, first) -> positions.merge(tp, first, Math::min));
            failed.clear();
            spare = failed;
        }
        batch.clear();
        rewoundTo = positions;
        return positions;
    }

    /** Where reading of {@code partition} starts again after a rewind since the last poll, or null. */
    Long rewoundTo(TopicPartition partition) {
        return rewoundTo == null ? null : rewoundTo.get(partition);
    }

    boolean rewound() {
        return rewoundTo != null;
    }

    /** A new poll: records read before the rewind are all handled. */
    void polled() {
        rewoundTo = null;
    }

    void run() {
        haltedPartition = null;
        haltedOffset = -1;
        setState(TableState.RUNNING, null);
    }

    void waitForSchema(String why) {
        setState(TableState.WAITING_FOR_SCHEMA, why);
    }

    Map<TopicPartition, Long> dropHorizon() {
        return dropHorizon;
    }

    void dropHorizon(Map<TopicPartition, Long> offsets) {
        dropHorizon = offsets == null ? null : Map.copyOf(offsets);
    }

    void dropped(String why) {
        setState(TableState.DROPPED, why);
    }

    /** The record a halt stopped at (it went to the dead-letter topic), or null when the halt had no record. */
    private TopicPartition haltedPartition;
    private long haltedOffset = -1;

    void haltAt(TopicPartition partition, long offset, String why) {
        haltedPartition = partition;
        haltedOffset = offset;
        halt(why);
    }

    TopicPartition haltedPartition() {
        return haltedPartition;
    }

    long haltedOffset() {
        return haltedOffset;
    }

    void halt(String why) {
        setState(TableState.HALTED, why);
    }

    void retryLater(String why, Duration initial, Duration max) {
        backoff = backoff.isZero() ? initial : backoff.multipliedBy(2);
        if (backoff.compareTo(max) > 0) {
            backoff = max;
        }
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        setState(TableState.RETRYING, why);
    }

    Duration backoff() {
        return backoff;
    }

    boolean retryDue() {
        return state == TableState.RETRYING && System.nanoTime() - retryAtNanos >= 0;
    }

    private void setState(TableState newState, String why) {
        if (newState != state || (why != null && !why.equals(reason))) {
            statusChangedAtNanos = System.nanoTime();
        }
        state = newState;
        reason = why;
    }

    long statusChangedAtNanos() {
        return statusChangedAtNanos;
    }
}
