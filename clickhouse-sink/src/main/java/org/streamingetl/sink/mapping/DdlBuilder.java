package org.streamingetl.sink.mapping;

import static org.streamingetl.sink.mapping.Identifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The ClickHouse DDL of the table contract. */
public final class DdlBuilder {

    private final ServerCapabilities server;

    public DdlBuilder(ServerCapabilities server) {
        this.server = server;
    }

    /** True on servers with the modern mapping (23.8 and later). */
    public boolean modern() {
        return server.modern();
    }

    public String createDatabase(String database) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(database);
    }

    /**
     * A table with a primary key is a {@code ReplacingMergeTree} ordered by that key (or by the sorting key of its
     * options, which contains the primary key), so that {@code FINAL} keeps the highest {@code _version} of each
     * key. A table without one is an append-only change log: each change is a row of its own (ordered by
     * {@code _version}), nothing is collapsed. The options' {@code PARTITION BY} expression is taken as written.
     */
    public String createTable(TableDefinition table) {
        List<String> columns = new ArrayList<>();
        for (ClickHouseColumn c : table.sourceColumns()) {
            columns.add("  " + quote(c.name()) + " " + c.type() + c.defaultClause());
        }
        columns.add("  " + quote(TableDefinition.VERSION) + " UInt64");
        columns.add("  " + quote(TableDefinition.DELETED) + " UInt8");
        columns.add("  " + quote(TableDefinition.INGESTED_AT) + " DateTime");
        String orderBy = table.hasPrimaryKey()
                ? table.sortingKey().stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                : quote(TableDefinition.VERSION);
        String engine = server.replacingWithIsDeleted()
                ? "ReplacingMergeTree(" + TableDefinition.VERSION + ", " + TableDefinition.DELETED + ")"
                : "ReplacingMergeTree(" + TableDefinition.VERSION + ")";
        return "CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " (\n"
                + String.join(",\n", columns) + "\n) ENGINE = " + engine
                + (table.options().partitionBy() == null ? "" : " PARTITION BY " + table.options().partitionBy())
                + " ORDER BY (" + orderBy + ")";
    }

    /**
     * Adds a column, with its backfill as {@code DEFAULT}: the rows already in ClickHouse read it, as MySQL's rows
     * do. That default is never changed afterwards (ClickHouse would change what those rows read; MySQL's
     * {@code SET DEFAULT} changes no existing row). On old servers without {@code IF NOT EXISTS} the caller checks
     * the column is missing.
     */
    public String addColumn(TableDefinition table, ClickHouseColumn column, String after) {
        return "ALTER TABLE " + table.qualifiedName() + " ADD COLUMN " + (server.modern() ? "IF NOT EXISTS " : "")
                + quote(column.name()) + " " + column.type() + column.defaultClause()
                + (after == null ? "" : " AFTER " + quote(after));
    }

    /** Changes a column's type; ClickHouse converts the stored values (or refuses, and the table halts). */
    public String modifyColumn(TableDefinition table, ClickHouseColumn column) {
        return modifyColumn(table, column, null);
    }

    /** Changes a column's type and keeps its {@code DEFAULT} expression, if it has one. */
    public String modifyColumn(TableDefinition table, ClickHouseColumn column, String defaultExpression) {
        return "ALTER TABLE " + table.qualifiedName() + " MODIFY COLUMN " + quote(column.name()) + " " + column.type()
                + (defaultExpression == null ? "" : " DEFAULT " + defaultExpression);
    }

    /**
     * Renames a column. Servers without {@code RENAME COLUMN} (before 20.4) get a new column whose default is the
     * old one: rows written before the rename read the old column's value, new rows carry their own.
     */
    public String renameColumn(TableDefinition table, String from, ClickHouseColumn to) {
        if (server.renameColumn()) {
            return "ALTER TABLE " + table.qualifiedName() + " RENAME COLUMN " + quote(from) + " TO " + quote(to.name());
        }
        return "ALTER TABLE " + table.qualifiedName() + " ADD COLUMN " + quote(to.name()) + " " + to.type()
                + " DEFAULT " + quote(from) + " AFTER " + quote(from);
    }

    public String truncateTable(String qualifiedName) {
        return "TRUNCATE TABLE " + qualifiedName;
    }

    public String dropTable(String qualifiedName) {
        return "DROP TABLE IF EXISTS " + qualifiedName;
    }
}
