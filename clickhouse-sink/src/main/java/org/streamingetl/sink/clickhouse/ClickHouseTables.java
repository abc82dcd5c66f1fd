package org.streamingetl.sink.clickhouse;

import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * What the sink loop asks of ClickHouse besides inserts: create or change a table to an announced structure,
 * truncate it, remove rows a re-send showed stale, drop it. {@link TableManager} does it over HTTP; a failure is a
 * {@link ClickHouseRequestException} (retriable or not), a change it refuses a {@link SchemaChangeRefusedException}.
 */
public interface ClickHouseTables {

    /** Makes the ClickHouse table match {@code captured} (created, columns added/renamed) and returns its definition. */
    TableDefinition apply(TableCaptured captured);

    void truncate(TableDefinition table);

    /** Removes the keys whose last change lies below {@code staleBelow}; returns how many rows were removed. */
    long removeStale(TableDefinition table, long staleBelow);

    /** Drops the ClickHouse table of a source table; returns its qualified name. */
    String drop(String sourceDatabase, String sourceTable);
}
