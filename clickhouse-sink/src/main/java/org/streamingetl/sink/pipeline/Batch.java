package org.streamingetl.sink.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.latency.LatencySamples;

/**
 * One table's rows on their way to ClickHouse: the RowBinary rows and the Kafka records they cover (per partition,
 * the first record and the next offset to commit once ClickHouse has them). Records that give no row (tombstones,
 * a dropped table's changes) are covered too, so their offsets are committed with the batch. Some rows' commit and
 * Kafka times ride along ({@link LatencySamples}) until ClickHouse acknowledged them.
 */
final class Batch {

    private final RowBinaryOutput rows;
    private final LatencySamples latency;
    private int rowCount;
    private long openedAtNanos;
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    Batch(RowBinaryOutput rows) {
        this(rows, 1);
    }

    /** A batch that keeps the times of every {@code latencyStride}-th row. */
    Batch(RowBinaryOutput rows, int latencyStride) {
        this.rows = rows;
        this.latency = new LatencySamples(latencyStride);
    }

    LatencySamples latency() {
        return latency;
    }

    RowBinaryOutput rows() {
        return rows;
    }

    int rowCount() {
        return rowCount;
    }

    int bytes() {
        return rows.size();
    }

    /** A row was appended to {@link #rows()}. */
    void rowAdded() {
        if (isEmpty()) {
            openedAtNanos = System.nanoTime();
        }
        rowCount++;
    }

    /** The record at {@code offset} is covered by this batch. */
    void covers(TopicPartition partition, long offset) {
        if (isEmpty()) {
            openedAtNanos = System.nanoTime();
        }
        firstOffsets.putIfAbsent(partition, offset);
        nextOffsets.put(partition, offset + 1);
    }

    boolean isEmpty() {
        return rowCount == 0 && nextOffsets.isEmpty();
    }

    long ageNanos() {
        return isEmpty() ? 0 : System.nanoTime() - openedAtNanos;
    }

    /** Per partition, the first record of the batch: where to read again when it cannot be written. */
    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    /**
     * The id of the batch's insert in ClickHouse ({@code system.query_log.query_id}) and in the sink's log: the
     * records it holds, {@code sink:<topic>-<partition>@<first>..<last>} per partition. A batch read again after a
     * failure gets the same id.
     */
    String queryId() {
        StringBuilder id = new StringBuilder("sink");
        firstOffsets.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::toString)))
                .forEach(e -> id.append(':').append(e.getKey()).append('@').append(e.getValue()).append("..")
                        .append(nextOffsets.get(e.getKey()) - 1));
        return id.toString();
    }

    /** The offsets to commit once the batch is in ClickHouse. */
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        return offsets;
    }

    void clear() {
        rows.reset();
        latency.clear();
        rowCount = 0;
        firstOffsets.clear();
        nextOffsets.clear();
    }
}
