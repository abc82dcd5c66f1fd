package org.streamingetl.sink.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.streamingetl.sink.encode.RowBinaryOutput;

/**
 * One table's open batch, the emptied one kept for its next batch while the open one is written, and where reading
 * starts again after a failed insert ({@link #rewind}). Used by the sink loop's thread only.
 */
final class TableBatch {

    private static final int INITIAL_BYTES = 64 * 1024;

    /** The batch being filled. */
    private Batch open = new Batch(new RowBinaryOutput(INITIAL_BYTES));
    /** An emptied batch kept for the next one while the last taken one is written; null when none. */
    private Batch spare;
    /** Per partition, where reading starts again after a failed insert (see {@link #rewind}); null when none. */
    private Map<TopicPartition, Long> rewoundTo;

    /** The batch being filled. */
    Batch open() {
        return open;
    }

    /** Takes the open batch to write it; a new one (the spare, if any) is filled meanwhile. */
    Batch take() {
        Batch taken = open;
        open = spare != null ? spare : new Batch(new RowBinaryOutput(INITIAL_BYTES));
        spare = null;
        return taken;
    }

    /** A taken batch was written: emptied and kept for a later batch. */
    void recycle(Batch written) {
        written.clear();
        spare = written;
    }

    /** Drops the open batch; its records will be read again from the last committed offsets. */
    void clear() {
        open.clear();
    }

    /**
     * A batch could not be written: it and everything read after it are dropped, and reading starts again at its
     * first records (returned, per partition; nothing after them was committed). Until the next poll, a seek of
     * these partitions never goes past them ({@link #rewoundTo}).
     */
    Map<TopicPartition, Long> rewind(Batch failed) {
        Map<TopicPartition, Long> positions = new HashMap<>(open.firstOffsets());
        if (failed != open) {
            failed.firstOffsets().forEach((tp, first) -> positions.merge(tp, first, Math::min));
            recycle(failed);
        }
        open.clear();
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
}
