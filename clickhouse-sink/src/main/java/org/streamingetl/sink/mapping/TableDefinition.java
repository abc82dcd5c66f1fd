package org.streamingetl.sink.mapping;

import java.util.List;

/**
 * A ClickHouse table following the table contract of design.md: the source columns, then {@code _version},
 * {@code _deleted} and {@code _ingested_at}.
 *
 * @param database     ClickHouse database
 * @param name         ClickHouse table
 * @param sourceColumns the mapped source columns in source order
 * @param primaryKey   the source primary key (the ORDER BY); empty for a table without one
 */
public record TableDefinition(String database, String name, List<ClickHouseColumn> sourceColumns,
                              List<String> primaryKey) {

    public static final String VERSION = "_version";
    public static final String DELETED = "_deleted";
    public static final String INGESTED_AT = "_ingested_at";

    public TableDefinition {
        sourceColumns = List.copyOf(sourceColumns);
        primaryKey = List.copyOf(primaryKey);
    }

    public String qualifiedName() {
        return Identifiers.quote(database) + "." + Identifiers.quote(name);
    }

    /** {@code database.table} unquoted, for logs and metric tags. */
    public String displayName() {
        return database + "." + name;
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }
}
