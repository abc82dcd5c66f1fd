package org.streamingetl.sink.mapping;

import java.util.List;
import org.streamingetl.sink.config.TableOptions;

/**
 * A ClickHouse table following the table contract of design.md: the source columns, then {@code _version},
 * {@code _deleted} and {@code _ingested_at}.
 *
 * @param database      ClickHouse database
 * @param name          ClickHouse table
 * @param sourceColumns the mapped source columns in source order (without the columns the options exclude)
 * @param primaryKey    the source primary key; empty for a table without one
 * @param sortingKey    the ORDER BY: the primary key, or the columns of the table option {@code order-by} (which
 *                      contain the primary key); for an existing table, its sorting key in ClickHouse
 * @param options       the table's options ({@code sink.table-options}), {@link TableOptions#NONE} when none apply
 */
public record TableDefinition(String database, String name, List<ClickHouseColumn> sourceColumns,
                              List<String> primaryKey, List<String> sortingKey, TableOptions options) {

    public static final String VERSION = "_version";
    public static final String DELETED = "_deleted";
    public static final String INGESTED_AT = "_ingested_at";

    public TableDefinition {
        sourceColumns = List.copyOf(sourceColumns);
        primaryKey = List.copyOf(primaryKey);
        sortingKey = List.copyOf(sortingKey.isEmpty() ? primaryKey : sortingKey);
    }

    /** A table without options: ordered by its primary key. */
    public TableDefinition(String database, String name, List<ClickHouseColumn> sourceColumns, List<String> primaryKey) {
        this(database, name, sourceColumns, primaryKey, primaryKey, TableOptions.NONE);
    }

    /** The same table with another sorting key (that of the existing ClickHouse table). */
    public TableDefinition withSortingKey(List<String> key) {
        return new TableDefinition(database, name, sourceColumns, primaryKey, key, options);
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

    /**
     * The sorting-key columns beyond the primary key: an UPDATE that changes one moves the row to another sorting
     * key, so the old key needs a delete row of its own.
     */
    public List<String> movableKeyColumns() {
        return hasPrimaryKey() ? sortingKey.stream().filter(c -> !primaryKey.contains(c)).toList() : List.of();
    }
}
