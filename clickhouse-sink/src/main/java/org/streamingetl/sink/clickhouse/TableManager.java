package org.streamingetl.sink.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.TableOptions;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.DdlBuilder;
import org.streamingetl.sink.mapping.FileNameLimits;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TableOptionRefusedException;
import org.streamingetl.sink.mapping.TableOptionsCheck;
import org.streamingetl.sink.mapping.TableOptionsResolver;
import org.streamingetl.sink.mapping.TypeMapper;
import org.streamingetl.sink.mapping.UnmappableTypeException;

/**
 * Brings a ClickHouse table in line with an announced MySQL table: creates the database and table when missing,
 * renames the columns MySQL renamed, adds the columns MySQL gained, changes the type of columns MySQL changed.
 * Columns MySQL dropped stay in ClickHouse (their history is kept; new rows get the column's default there).
 * Also empties and drops tables when MySQL does. A table's options ({@code sink.table-options}: sorting key,
 * partitioning, excluded columns) shape the table when it is created; excluded columns are never added nor changed.
 */
public final class TableManager implements ClickHouseTables {

    private static final Logger LOG = Logger.getLogger(TableManager.class);
    private static final java.time.Duration MUTATION_WAIT = java.time.Duration.ofMinutes(5);

    private final ClickHouseGateway gateway;
    private final TypeMapper mapper;
    private final DdlBuilder ddl;
    private final Map<String, String> databaseMap;
    private final TableOptionsResolver options;
    private final ExistingTableKeys existingKeys;
    private final DdlRunner runner;

    public TableManager(ClickHouseGateway gateway, TypeMapper mapper, DdlBuilder ddl, Map<String, String> databaseMap) {
        this(gateway, mapper, ddl, databaseMap, TableOptionsResolver.none(), java.time.Duration.ofSeconds(10));
    }

    /**
     * @param options           the tables' options ({@code sink.table-options})
     * @param clusterDdlTimeout how long an ON CLUSTER statement waits for every replica ({@link DdlRunner})
     */
    public TableManager(ClickHouseGateway gateway, TypeMapper mapper, DdlBuilder ddl, Map<String, String> databaseMap,
                        TableOptionsResolver options, java.time.Duration clusterDdlTimeout) {
        this.gateway = gateway;
        this.mapper = mapper;
        this.ddl = ddl;
        this.databaseMap = databaseMap;
        this.options = options;
        this.runner = new DdlRunner(gateway, ddl.clustered(), clusterDdlTimeout);
        this.existingKeys = new ExistingTableKeys(gateway);
    }

    /**
     * The table definition of an announcement with its options (not checked against it yet: see {@link #apply}),
     * without touching ClickHouse.
     */
    public TableDefinition define(TableCaptured captured) {
        TableOptions tableOptions = options.forTable(captured.database(), captured.table());
        List<ClickHouseColumn> columns = new ArrayList<>();
        for (ColumnDefinition column : captured.columns()) {
            if (!tableOptions.excluded(column.name())) {
                columns.add(mapper.map(column));
            }
        }
        String database = databaseMap.getOrDefault(captured.database(), captured.database());
        if (!ddl.modern()) {
            Optional<String> problem = FileNameLimits.problem(database, captured.table(),
                    captured.columns().stream().map(ColumnDefinition::name).toList());
            if (problem.isPresent()) {
                throw new UnmappableTypeException(problem.get());
            }
        }
        return new TableDefinition(database, captured.table(), columns, captured.primaryKey(), tableOptions.orderBy(),
                tableOptions);
    }

    /**
     * Makes sure the table exists with every column of the definition; returns the definition. A table the sink
     * creates gets its options, once checked ({@link TableOptionRefusedException} when they cannot apply); an existing
     * table keeps its sorting key and partitioning, and the definition follows its sorting key.
     */
    public TableDefinition apply(TableCaptured captured) {
        TableDefinition defined = define(captured);
        Map<String, String> existing = gateway.columns(defined.database(), defined.name());
        if (existing.isEmpty()) {
            TableOptionsCheck.check(captured, defined.options());
            // On a cluster an existing database was created ON CLUSTER before: no DDL round through every replica.
            if (!ddl.clustered() || !databaseExists(defined.database())) {
                runner.run(ddl.createDatabase(defined.database()), () -> databaseExists(defined.database()));
            }
            create(defined);
            LOG.infof("Created ClickHouse table %s for %s%s", defined.qualifiedName(), captured.qualifiedName(),
                    defined.options() == TableOptions.NONE ? "" : " with the options of sink.table-options["
                            + defined.options().index() + "] (sorting key " + defined.sortingKey() + ", partition by "
                            + defined.options().partitionBy() + ", excluded columns " + defined.options().excludeColumns()
                            + ")");
            return defined;
        }
        TableDefinition table = existingKeys.follow(defined);
        if (renameColumns(captured, table, existing)) {
            existing = gateway.columns(table.database(), table.name());
        }
        Set<String> present = existing.keySet();
        String previous = null;
        for (ClickHouseColumn column : table.sourceColumns()) {
            if (!present.contains(column.name())) {
                addColumn(table, column, previous);
            } else if (!existing.get(column.name()).equals(column.type())) {
                // A column renamed on an old server reads the old column by default: the new type keeps that.
                runner.run(ddl.modifyColumn(table, column,
                        gateway.defaultExpression(table.database(), table.name(), column.name()).orElse(null)),
                        () -> column.type().equals(gateway.columns(table.database(), table.name()).get(column.name())));
                LOG.infof("Changed column %s of ClickHouse table %s from %s to %s", column.name(), table.qualifiedName(),
                        existing.get(column.name()), column.type());
            }
            previous = column.name();
        }
        return table;
    }

    /**
     * Adds a column. Another sink instance (several write one table when its topic has several partitions) may have
     * added it just before: on an old server without {@code IF NOT EXISTS} that fails, and the column is there.
     */
    private void addColumn(TableDefinition table, ClickHouseColumn column, String previous) {
        try {
            runner.run(ddl.addColumn(table, column, previous),
                    () -> gateway.columns(table.database(), table.name()).containsKey(column.name()));
        } catch (ClickHouseRequestException e) {
            if (!gateway.columns(table.database(), table.name()).containsKey(column.name())) {
                throw e;
            }
            LOG.infof("Column %s of ClickHouse table %s was added by another sink instance", column.name(),
                    table.qualifiedName());
            return;
        }
        LOG.infof("Added column %s %s%s to ClickHouse table %s", column.name(), column.type(), column.defaultClause(),
                table.qualifiedName());
    }

    /** Applies the announcement's renames whose old name is still a ClickHouse column; true when one was. */
    private boolean renameColumns(TableCaptured captured, TableDefinition table, Map<String, String> existing) {
        boolean renamed = false;
        for (Map.Entry<String, String> rename : captured.renamedColumns().entrySet()) {
            String from = rename.getKey();
            String to = rename.getValue();
            if (!existing.containsKey(from) || existing.containsKey(to)) {
                continue;
            }
            if (table.options().excluded(to)) {
                LOG.infof("Column %s of %s was renamed to %s, which sink.table-options[%d] excludes: ClickHouse"
                        + " table %s keeps %s as it was", from, captured.qualifiedName(), to, table.options().index(),
                        table.qualifiedName(), from);
                continue;
            }
            if (table.sortingKey().contains(to) || table.sortingKey().contains(from)) {
                String key = table.primaryKey().contains(to) ? "primary key" : "sorting key";
                throw new SchemaChangeRefusedException("MySQL renamed " + key + " column " + from + " to " + to
                        + " of " + captured.qualifiedName() + ", but ClickHouse cannot rename a column of the sorting"
                        + " key of " + table.qualifiedName() + ". Drop that ClickHouse table and re-snapshot "
                        + captured.qualifiedName() + ", then restart the sink");
            }
            ClickHouseColumn column = table.sourceColumns().stream().filter(c -> c.name().equals(to)).findFirst()
                    .orElseThrow(() -> new SchemaChangeRefusedException("renamed column " + to + " is not a column of "
                            + captured.qualifiedName()));
            runner.run(ddl.renameColumn(table, from, column),
                    () -> gateway.columns(table.database(), table.name()).containsKey(to));
            LOG.infof("Renamed column %s to %s in ClickHouse table %s", from, to, table.qualifiedName());
            renamed = true;
        }
        return renamed;
    }

    /** Creates the table; when ClickHouse refuses a table with options, the options are named. */
    private void create(TableDefinition table) {
        try {
            runner.run(ddl.createTable(table), () -> !gateway.columns(table.database(), table.name()).isEmpty());
        } catch (ClickHouseRequestException e) {
            if (e.retriable() || table.options() == TableOptions.NONE) {
                throw e;
            }
            throw new TableOptionRefusedException("ClickHouse refused to create " + table.qualifiedName()
                    + " with the options of sink.table-options[" + table.options().index() + "] (sorting key "
                    + table.sortingKey() + ", partition by " + table.options().partitionBy() + "): " + e.getMessage()
                    + "; change the option, then restart the sink");
        }
    }

    private boolean databaseExists(String database) {
        return !gateway.queryText("SELECT name FROM system.databases WHERE name = "
                + org.streamingetl.sink.mapping.Identifiers.literal(database)).isBlank();
    }

    /** Empties the table, as MySQL's TRUNCATE TABLE did. */
    public void truncate(TableDefinition table) {
        // On a cluster: a mutation created on this replica just now is the TRUNCATE.
        runner.run(ddl.truncateTable(table.qualifiedName()), () -> !"0".equals(gateway.queryText("SELECT count() FROM "
                + "system.mutations WHERE database = " + org.streamingetl.sink.mapping.Identifiers.literal(table.database())
                + " AND table = " + org.streamingetl.sink.mapping.Identifiers.literal(table.name()) + " AND create_time >= "
                + "now() - " + (runner.clusterTimeout().toSeconds() + 30)).strip()));
        if (ddl.truncateIsMutation()) {
            awaitMutations(table);
        }
        LOG.infof("Truncated ClickHouse table %s (TRUNCATE TABLE in MySQL)", table.qualifiedName());
    }

    /** Waits until the replica the sink reads has applied every mutation of the table (a TRUNCATE on a cluster). */
    private void awaitMutations(TableDefinition table) {
        String sql = "SELECT count() FROM system.mutations WHERE database = "
                + org.streamingetl.sink.mapping.Identifiers.literal(table.database()) + " AND table = "
                + org.streamingetl.sink.mapping.Identifiers.literal(table.name()) + " AND is_done = 0";
        long deadline = System.nanoTime() + MUTATION_WAIT.toNanos();
        while (Long.parseLong(gateway.queryText(sql).strip()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new ClickHouseRequestException("the TRUNCATE of ClickHouse table " + table.qualifiedName()
                        + " (a mutation on a cluster) is not done after " + MUTATION_WAIT.toSeconds() + " s: see "
                        + "system.mutations on " + gateway.url() + "; the sink tries again", null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClickHouseRequestException("interrupted while waiting for the TRUNCATE of "
                        + table.qualifiedName(), e);
            }
        }
    }

    /**
     * Writes a delete for every key whose current row has a {@code _version} below {@code staleBelow}: MySQL lost
     * those rows without a row event (see {@code TableResync}). The delete carries version {@code staleBelow - 1},
     * so any change at or above {@code staleBelow} still wins. Idempotent; returns the number of keys deleted.
     */
    public long removeStale(TableDefinition table, long staleBelow) {
        String where = " FROM " + table.qualifiedName() + " FINAL WHERE " + TableDefinition.VERSION + " < " + staleBelow
                + " AND " + TableDefinition.DELETED + " = 0";
        long stale = Long.parseLong(gateway.queryText("SELECT count()" + where).strip());
        if (stale == 0) {
            return 0;
        }
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String text = gateway.queryText("SELECT name FROM system.columns WHERE database = "
                + org.streamingetl.sink.mapping.Identifiers.literal(table.database()) + " AND table = "
                + org.streamingetl.sink.mapping.Identifiers.literal(table.name())
                + " AND default_kind NOT IN ('MATERIALIZED', 'ALIAS')");
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String name = ClickHouseGateway.unescapeTsv(line);
            String quoted = org.streamingetl.sink.mapping.Identifiers.quote(name);
            columns.add(quoted);
            values.add(switch (name) {
                case TableDefinition.VERSION -> "toUInt64(" + (staleBelow - 1) + ")";
                case TableDefinition.DELETED -> "toUInt8(1)";
                case TableDefinition.INGESTED_AT -> "now()";
                default -> quoted;
            });
        }
        gateway.execute("INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", values) + where);
        return stale;
    }

    /** Drops the ClickHouse table of a dropped MySQL table, if it exists; returns its name. */
    public String drop(String sourceDatabase, String sourceTable) {
        String database = databaseMap.getOrDefault(sourceDatabase, sourceDatabase);
        String qualified = org.streamingetl.sink.mapping.Identifiers.quote(database) + "."
                + org.streamingetl.sink.mapping.Identifiers.quote(sourceTable);
        if (ddl.clustered() && gateway.columns(database, sourceTable).isEmpty()) {
            // Dropped ON CLUSTER before (the sink drops again what it reads as dropped at every start): nothing to do.
            return qualified;
        }
        runner.run(ddl.dropTable(qualified), () -> gateway.columns(database, sourceTable).isEmpty());
        LOG.infof("Dropped ClickHouse table %s (%s.%s is gone from MySQL: dropped, or renamed)", qualified,
                sourceDatabase, sourceTable);
        return qualified;
    }
}
