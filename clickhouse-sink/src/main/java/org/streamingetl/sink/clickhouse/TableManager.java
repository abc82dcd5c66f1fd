package org.streamingetl.sink.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.DdlBuilder;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TypeMapper;

/**
 * Brings a ClickHouse table in line with an announced MySQL table: creates the database and table when missing,
 * adds the columns MySQL gained, changes the type of columns MySQL changed. Columns MySQL dropped stay in ClickHouse (their history is kept; new rows get the
 * column's default there).
 */
public final class TableManager {

    private static final Logger LOG = Logger.getLogger(TableManager.class);

    private final ClickHouseGateway gateway;
    private final TypeMapper mapper;
    private final DdlBuilder ddl;
    private final Map<String, String> databaseMap;

    public TableManager(ClickHouseGateway gateway, TypeMapper mapper, DdlBuilder ddl, Map<String, String> databaseMap) {
        this.gateway = gateway;
        this.mapper = mapper;
        this.ddl = ddl;
        this.databaseMap = databaseMap;
    }

    /** The table definition of an announcement, without touching ClickHouse. */
    public TableDefinition define(TableCaptured captured) {
        List<ClickHouseColumn> columns = new ArrayList<>();
        for (ColumnDefinition column : captured.columns()) {
            columns.add(mapper.map(column));
        }
        String database = databaseMap.getOrDefault(captured.database(), captured.database());
        return new TableDefinition(database, captured.table(), columns, captured.primaryKey());
    }

    /** Makes sure the table exists with every column of the definition; returns the definition. */
    public TableDefinition apply(TableCaptured captured) {
        TableDefinition table = define(captured);
        Map<String, String> existing = gateway.columns(table.database(), table.name());
        if (existing.isEmpty()) {
            gateway.execute(ddl.createDatabase(table.database()));
            gateway.execute(ddl.createTable(table));
            LOG.infof("Created ClickHouse table %s for %s", table.qualifiedName(), captured.qualifiedName());
            return table;
        }
        Set<String> present = existing.keySet();
        String previous = null;
        for (ClickHouseColumn column : table.sourceColumns()) {
            if (!present.contains(column.name())) {
                gateway.execute(ddl.addColumn(table, column, previous));
                LOG.infof("Added column %s %s to ClickHouse table %s", column.name(), column.type(), table.qualifiedName());
            } else if (!existing.get(column.name()).equals(column.type())) {
                gateway.execute(ddl.modifyColumn(table, column));
                LOG.infof("Changed column %s of ClickHouse table %s from %s to %s", column.name(), table.qualifiedName(),
                        existing.get(column.name()), column.type());
            }
            previous = column.name();
        }
        return table;
    }
}
