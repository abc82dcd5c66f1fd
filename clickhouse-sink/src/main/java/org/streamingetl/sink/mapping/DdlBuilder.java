package org.streamingetl.sink.mapping;

import static org.streamingetl.sink.mapping.Identifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The ClickHouse DDL of the table contract. With a cluster ({@code sink.clickhouse.cluster}, README "ClickHouse
 * cluster") every statement runs {@code ON CLUSTER} and tables are {@code ReplicatedReplacingMergeTree}, each
 * incarnation of a table (created, dropped, created again) under a ZooKeeper path of its own.
 */
public final class DdlBuilder {

    /** Where the Replicated tables keep their replication state in ZooKeeper; {shard} is a server macro. */
    public static final String ZOOKEEPER_ROOT = "/clickhouse/tables/{shard}/";

    private final ServerCapabilities server;
    private final Optional<String> cluster;
    private final Supplier<String> incarnation;

    public DdlBuilder(ServerCapabilities server) {
        this(server, Optional.empty());
    }

    public DdlBuilder(ServerCapabilities server, Optional<String> cluster) {
        this(server, cluster, () -> UUID.randomUUID().toString().replace("-", ""));
    }

    DdlBuilder(ServerCapabilities server, Optional<String> cluster, Supplier<String> incarnation) {
        this.server = server;
        this.cluster = cluster;
        this.incarnation = incarnation;
    }

    /** True when the tables are Replicated tables of a cluster and DDL runs ON CLUSTER. */
    public boolean clustered() {
        return cluster.isPresent();
    }

    private String onCluster() {
        return cluster.map(name -> " ON CLUSTER " + quote(name)).orElse("");
    }

    /** True on servers with the modern mapping (23.8 and later). */
    public boolean modern() {
        return server.modern();
    }

    public String createDatabase(String database) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(database) + onCluster();
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
        String versions = server.replacingWithIsDeleted()
                ? TableDefinition.VERSION + ", " + TableDefinition.DELETED
                : TableDefinition.VERSION;
        String engine = cluster.isEmpty()
                ? "ReplacingMergeTree(" + versions + ")"
                : "ReplicatedReplacingMergeTree(" + Identifiers.literal(zookeeperPath(table)) + ", '{replica}', "
                        + versions + ")";
        return "CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + onCluster() + " (\n"
                + String.join(",\n", columns) + "\n) ENGINE = " + engine
                + (table.options().partitionBy() == null ? "" : " PARTITION BY " + table.options().partitionBy())
                + " ORDER BY (" + orderBy + ")";
    }

    /**
     * A new ZooKeeper path for each CREATE: a table dropped and created again (or a MySQL rename: drop and create)
     * never meets the replicas of its previous incarnation, whose path ClickHouse may not have removed yet.
     */
    private String zookeeperPath(TableDefinition table) {
        return ZOOKEEPER_ROOT + table.database() + "/" + table.name() + "/" + incarnation.get();
    }

    /**
     * Adds a column, with its backfill as {@code DEFAULT}: the rows already in ClickHouse read it, as MySQL's rows
     * do. That default is never changed afterwards (ClickHouse would change what those rows read; MySQL's
     * {@code SET DEFAULT} changes no existing row). On old servers without {@code IF NOT EXISTS} the caller checks
     * the column is missing.
     */
    public String addColumn(TableDefinition table, ClickHouseColumn column, String after) {
        return "ALTER TABLE " + table.qualifiedName() + onCluster() + " ADD COLUMN "
                + (server.modern() ? "IF NOT EXISTS " : "")
                + quote(column.name()) + " " + column.type() + column.defaultClause()
                + (after == null ? "" : " AFTER " + quote(after));
    }

    /** Changes a column's type; ClickHouse converts the stored values (or refuses, and the table halts). */
    public String modifyColumn(TableDefinition table, ClickHouseColumn column) {
        return modifyColumn(table, column, null);
    }

    /** Changes a column's type and keeps its {@code DEFAULT} expression, if it has one. */
    public String modifyColumn(TableDefinition table, ClickHouseColumn column, String defaultExpression) {
        return "ALTER TABLE " + table.qualifiedName() + onCluster() + " MODIFY COLUMN " + quote(column.name()) + " " + column.type()
                + (defaultExpression == null ? "" : " DEFAULT " + defaultExpression);
    }

    /**
     * Renames a column. Servers without {@code RENAME COLUMN} (before 20.4) get a new column whose default is the
     * old one: rows written before the rename read the old column's value, new rows carry their own.
     */
    public String renameColumn(TableDefinition table, String from, ClickHouseColumn to) {
        if (server.renameColumn()) {
            return "ALTER TABLE " + table.qualifiedName() + onCluster() + " RENAME COLUMN " + quote(from) + " TO " + quote(to.name());
        }
        return "ALTER TABLE " + table.qualifiedName() + onCluster() + " ADD COLUMN " + quote(to.name()) + " " + to.type()
                + " DEFAULT " + quote(from) + " AFTER " + quote(from);
    }

    /**
     * Empties a table. On a cluster a mutation that deletes every row: ClickHouse 18.16 runs TRUNCATE of a Replicated
     * table on its leader replica, and a replica that is not the leader forwards it there without credentials (it
     * fails when the user has a password). The mutation is asynchronous: the caller waits until it is done
     * ({@link #truncateIsMutation()}); rows inserted after it was issued are kept.
     */
    public String truncateTable(String qualifiedName) {
        return cluster.isEmpty()
                ? "TRUNCATE TABLE " + qualifiedName
                : "ALTER TABLE " + qualifiedName + onCluster() + " DELETE WHERE 1";
    }

    /** True when {@link #truncateTable} is an asynchronous mutation. */
    public boolean truncateIsMutation() {
        return cluster.isPresent();
    }

    public String dropTable(String qualifiedName) {
        return "DROP TABLE IF EXISTS " + qualifiedName + onCluster();
    }
}
