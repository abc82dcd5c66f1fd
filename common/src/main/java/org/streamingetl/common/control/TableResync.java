package org.streamingetl.common.control;

import java.util.Map;

/**
 * cdc-registrar re-sends a table whose rows a DDL statement changed without row events in the binlog
 * ({@code RENAME TABLE} onto a name, {@code DROP}/{@code TRUNCATE}/{@code EXCHANGE}/{@code CONVERT PARTITION}): it
 * notes where the table's data topic ends, asks Debezium for an incremental snapshot of the table, and announces
 * this event twice under the key {@code resync/<db>.<table>} — {@link #REQUESTED} before the snapshot, then
 * {@link #COMPLETED} once Debezium reported the table's scan complete.
 *
 * <p>What a consumer may conclude: every row the table has when the snapshot completes has a change event at an
 * offset at or above {@code staleBelow} of its partition (the snapshot re-emits it as {@code op=r}, or it changed
 * later). A key whose latest change event lies below {@code staleBelow} is therefore no longer in MySQL: the
 * clickhouse-sink writes a delete for it once it has written the topic up to {@code completedUpTo}.
 *
 * @param database      source database
 * @param table         source table
 * @param topic         the table's data topic
 * @param reason        the DDL statement (or operator request) that caused the re-send
 * @param state         {@link #REQUESTED} or {@link #COMPLETED}
 * @param signal        the id of Debezium's snapshot signal (its notifications carry it)
 * @param requestedAt   when the snapshot was requested (ISO-8601)
 * @param staleBelow    partition → the topic's end offset just before the snapshot was requested (empty when the
 *                      topic did not exist: nothing can be stale)
 * @param completedUpTo partition → the topic's end offset when the snapshot completed (empty until then)
 */
public record TableResync(String database, String table, String topic, String reason, String state,
                          String signal, String requestedAt, Map<Integer, Long> staleBelow, Map<Integer, Long> completedUpTo) {

    public static final String REQUESTED = "REQUESTED";
    public static final String COMPLETED = "COMPLETED";

    public TableResync {
        staleBelow = staleBelow == null ? Map.of() : Map.copyOf(staleBelow);
        completedUpTo = completedUpTo == null ? Map.of() : Map.copyOf(completedUpTo);
    }

    public String qualifiedName() {
        return database + "." + table;
    }

    public boolean completed() {
        return COMPLETED.equals(state);
    }

    /** The same re-send, completed with the topic's end offsets at completion. */
    public TableResync complete(Map<Integer, Long> endOffsets) {
        return new TableResync(database, table, topic, reason, COMPLETED, signal, requestedAt, staleBelow,
                endOffsets);
    }
}
