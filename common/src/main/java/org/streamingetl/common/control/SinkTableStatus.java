package org.streamingetl.common.control;

/**
 * clickhouse-sink's state of one ClickHouse table.
 *
 * @param sourceTopic the Kafka topic it reads
 * @param table       the ClickHouse table, {@code database.table}; null while it is not known yet
 * @param state       WAITING_FOR_SCHEMA, WAITING_FOR_DATA (announced, its topic has no record yet), RUNNING,
 *                    RETRYING, DROPPED, HALTED, or REFUSED (the sink will not write it, e.g. two tables share its
 *                    topic: see lastError)
 * @param rowsWritten rows written since the sink started
 * @param lag         records behind the end of the topic when last measured
 * @param lastError   the last error, or null
 * @param sourceTable the source table as announced by cdc-registrar, {@code <db>.<table>} (an enrichment:
 *                    {@code enriched.<name>}); null while no announcement names it
 */
public record SinkTableStatus(String sourceTopic, String table, String state, long rowsWritten, long lag,
                              String lastError, String sourceTable) {

    /** A status without its source table (not announced yet). */
    public SinkTableStatus(String sourceTopic, String table, String state, long rowsWritten, long lag,
                           String lastError) {
        this(sourceTopic, table, state, rowsWritten, lag, lastError, null);
    }
}
