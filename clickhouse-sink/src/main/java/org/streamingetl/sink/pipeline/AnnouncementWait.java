package org.streamingetl.sink.pipeline;

import java.time.Duration;
import org.streamingetl.sink.decode.ChangeEvent;

/**
 * A record that does not fit a table's announced structure may be ahead of its announcement (its column types
 * changed in MySQL and cdc-registrar has not announced it yet): how long the table waits for the announcement before
 * the record is refused. Remembers the row schema of the first record written with the current definition, so that
 * only records of another schema wait. Used by the sink loop's thread only.
 */
final class AnnouncementWait {

    /** Row schema of the first record written with the current definition; null until one is written. */
    private Object rowSchemaOfDefinition;
    private long startedNanos;
    private boolean over;

    /** A new definition is in use: nothing written with it yet, no wait begun. */
    void reset() {
        rowSchemaOfDefinition = null;
        startedNanos = 0;
        over = false;
    }

    /** A record of this row schema was written with the current definition. */
    void written(Object rowSchema) {
        if (rowSchemaOfDefinition == null) {
            rowSchemaOfDefinition = rowSchema;
        }
    }

    /** True when the record's row schema is not the current definition's (or none was written) and the wait is not over. */
    boolean mayAwait(ChangeEvent event) {
        if (over) {
            return false;
        }
        return rowSchemaOfDefinition == null || !rowSchemaOfDefinition.equals(event.rowSchema());
    }

    /** Starts (or continues) the wait; true while it is shorter than {@code limit}, false (and over) after. */
    boolean begin(Duration limit) {
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
        if (System.nanoTime() - startedNanos >= limit.toNanos()) {
            over = true;
            return false;
        }
        return true;
    }

    /** True when a wait begun has run out: the record is to be tried (and refused) again. */
    boolean due(Duration limit) {
        return startedNanos != 0 && !over && System.nanoTime() - startedNanos >= limit.toNanos();
    }
}
