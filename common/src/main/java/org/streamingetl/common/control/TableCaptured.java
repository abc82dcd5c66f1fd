package org.streamingetl.common.control;

import java.util.List;
import java.util.Map;

/**
 * cdc-registrar announces a captured table with every column's exact MySQL type.
 *
 * @param database       source database
 * @param table          source table
 * @param topic          the Kafka data topic of its change events
 * @param primaryKey     primary key columns in key order; empty for a table without a primary key
 * @param columns        every column in ordinal order
 * @param renamedColumns columns renamed by the DDL statement that caused this announcement, old name to new name
 *                       ({@code ALTER TABLE ... RENAME COLUMN a TO b} or {@code CHANGE a b ...}); empty otherwise.
 *                       A consumer that still has a column under its old name renames it instead of adding a new
 *                       one, so the values of existing rows are kept.
 * @param formerColumns  columns the table had in earlier announcements and has no more (dropped, or renamed away):
 *                       change events written before still carry them, and a consumer reading the topic from its
 *                       beginning must know they are not new columns it has to wait for
 */
public record TableCaptured(String database, String table, String topic, List<String> primaryKey,
                            List<ColumnDefinition> columns, Map<String, String> renamedColumns,
                            List<String> formerColumns) {

    public TableCaptured {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        columns = columns == null ? List.of() : List.copyOf(columns);
        renamedColumns = renamedColumns == null ? Map.of() : Map.copyOf(renamedColumns);
        formerColumns = formerColumns == null ? List.of() : List.copyOf(formerColumns);
    }

    /** An announcement with renames and without former columns. */
    public TableCaptured(String database, String table, String topic, List<String> primaryKey,
                         List<ColumnDefinition> columns, Map<String, String> renamedColumns) {
        this(database, table, topic, primaryKey, columns, renamedColumns, List.of());
    }

    /** An announcement without renames. */
    public TableCaptured(String database, String table, String topic, List<String> primaryKey,
                         List<ColumnDefinition> columns) {
        this(database, table, topic, primaryKey, columns, Map.of(), List.of());
    }

    public String qualifiedName() {
        return database + "." + table;
    }

    /** The structure alone: without the renames of the statement that caused it and the former columns. */
    public TableCaptured withoutRenames() {
        return renamedColumns.isEmpty() && formerColumns.isEmpty() ? this
                : new TableCaptured(database, table, topic, primaryKey, columns);
    }
}
