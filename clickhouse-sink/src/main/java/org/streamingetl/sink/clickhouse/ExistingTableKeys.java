package org.streamingetl.sink.clickhouse;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.config.TableOptions;

/**
 * The keys of a ClickHouse table that already exists, read from {@code system.tables}: the sink writes such a table by
 * its own sorting key, whatever the options say (they apply only when the sink creates a table), and warns once per
 * table and process when they differ.
 */
final class ExistingTableKeys {

    private static final Logger LOG = Logger.getLogger(ExistingTableKeys.class);

    private final ClickHouseGateway gateway;
    /** Tables whose existing structure differs from their options, warned about once. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ExistingTableKeys(ClickHouseGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * An existing table keeps its structure: the definition takes its sorting key (when it is a list of columns),
     * and one warning says when it differs from the options.
     */
    TableDefinition follow(TableDefinition table) {
        String[] keys;
        try {
            keys = gateway.queryText("SELECT sorting_key, partition_key FROM system.tables WHERE database = "
                    + org.streamingetl.sink.mapping.Identifiers.literal(table.database()) + " AND name = "
                    + org.streamingetl.sink.mapping.Identifiers.literal(table.name())).split("\t|\n", -1);
        } catch (ClickHouseRequestException e) {
            if (e.retriable()) {
                throw e;
            }
            LOG.warnf("Cannot read the sorting key of ClickHouse table %s (%s); it is written by the key %s",
                    table.qualifiedName(), e.getMessage(), table.sortingKey());
            return table;
        }
        if (keys.length < 2) {
            return table;
        }
        String sortingKey = ClickHouseGateway.unescapeTsv(keys[0]);
        String partitionKey = ClickHouseGateway.unescapeTsv(keys[1]);
        Optional<List<String>> columns = ExistingSortingKey.columns(sortingKey);
        TableDefinition followed = columns.map(table::withSortingKey).orElse(table);
        TableOptions o = table.options();
        boolean sortingDiffers = o.hasOrderBy() && !o.orderBy().equals(followed.sortingKey());
        boolean partitionDiffers = o.partitionBy() != null
                && !o.partitionBy().replace(" ", "").equals(partitionKey.replace(" ", ""));
        if ((sortingDiffers || partitionDiffers) && warned.add(table.displayName())) {
            LOG.warnf("ClickHouse table %s exists with sorting key (%s) and partition key (%s), not those of"
                    + " sink.table-options[%d] (order-by %s, partition-by %s): options apply only when the sink creates"
                    + " a table, so it is written as it is. To apply them, stop the sink, drop the ClickHouse table,"
                    + " start the sink and re-snapshot the MySQL table (POST /source/snapshot)", table.qualifiedName(), sortingKey, partitionKey, o.index(),
                    o.hasOrderBy() ? String.join(",", o.orderBy()) : "(primary key)", o.partitionBy());
        }
        return followed;
    }
}
