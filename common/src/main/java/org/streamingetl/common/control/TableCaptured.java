package org.streamingetl.common.control;

import java.util.List;

/**
 * cdc-registrar announces a captured table with every column's exact MySQL type.
 *
 * @param database   source database
 * @param table      source table
 * @param topic      the Kafka data topic of its change events
 * @param primaryKey primary key columns in key order; empty for a table without a primary key
 * @param columns    every column in ordinal order
 */
public record TableCaptured(String database, String table, String topic, List<String> primaryKey,
                            List<ColumnDefinition> columns) {

    public TableCaptured {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public String qualifiedName() {
        return database + "." + table;
    }
}
