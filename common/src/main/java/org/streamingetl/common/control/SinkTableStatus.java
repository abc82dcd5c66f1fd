package org.streamingetl.common.control;

/**
 * clickhouse-sink's state of one ClickHouse table.
 *
 * @param sourceTopic the Kafka topic it reads
 * @param table       the ClickHouse table, {@code database.table}
 * @param state       e.g. WAITING_FOR_SCHEMA, RUNNING, HALTED
 * @param rowsWritten rows written since the sink started
 * @param lag         records behind the end of the topic when last measured
 * @param lastError   the last error, or null
 */
public record SinkTableStatus(String sourceTopic, String table, String state, long rowsWritten, long lag,
                              String lastError) {
}
