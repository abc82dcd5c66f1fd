package org.streamingetl.sink.mapping;

import org.streamingetl.sink.config.TableOptionSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.config.SinkConfigCheckTest;
import org.streamingetl.sink.config.TableOptions;

/** Which options a table gets, their check against the announced table, and the DDL they produce. */
class TableOptionsTest {

    private static final DdlBuilder LEGACY = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"));
    private static final ColumnDefinition ID = Columns.of("id", "int", "int", null, null, null, null, false);
    private static final ColumnDefinition TENANT = Columns.of("tenant_id", "int", "int", null, null, null, null, false);
    private static final ColumnDefinition NOTE = Columns.nullable(Columns.of("note", "varchar", "varchar(10)", 10L,
            null, null, null, false));

    private static List<TableOptionSettings> entries(Map<String, String> properties) {
        return SinkConfigCheckTest.config(properties).tableOptions();
    }

    private static TableCaptured orders(List<String> key, ColumnDefinition... columns) {
        return new TableCaptured("shop", "orders", "p.shop.orders", key, List.of(columns));
    }

    private static TableOptions orderBy(String... columns) {
        return new TableOptions(0, List.of(columns), null, Set.of());
    }

    @Test
    void theFirstEntryWhoseMatchMatchesTheWholeNameWins() {
        TableOptionsResolver resolver = new TableOptionsResolver(entries(Map.of(
                "sink.table-options[0].match", "shop\\.orders",
                "sink.table-options[0].order-by", "tenant_id,id",
                "sink.table-options[1].match", "shop\\..*",
                "sink.table-options[1].exclude-columns", "secret")));
        assertEquals(0, resolver.forTable("shop", "orders").index());
        assertEquals(List.of("tenant_id", "id"), resolver.forTable("shop", "orders").orderBy());
        assertEquals(1, resolver.forTable("shop", "orders_archive").index());
        assertEquals(Set.of("secret"), resolver.forTable("shop", "customers").excludeColumns());
        assertSame(TableOptions.NONE, resolver.forTable("crm", "orders"));
        assertSame(TableOptions.NONE, resolver.forTable("xshop", "orders"));
        assertSame(TableOptions.NONE, TableOptionsResolver.none().forTable("shop", "orders"));
    }

    @Test
    void aSortingKeyWithThePrimaryKeyAndNotNullColumnsIsAccepted() {
        assertEquals(Optional.empty(), TableOptionsCheck.problem(orders(List.of("id"), ID, TENANT, NOTE),
                orderBy("tenant_id", "id")));
        assertEquals(Optional.empty(), TableOptionsCheck.problem(orders(List.of(), ID, NOTE), TableOptions.NONE));
    }

    @Test
    void aNullableOrderingColumnIsRefusedWithTheReason() {
        TableOptionRefusedException e = assertThrows(TableOptionRefusedException.class,
                () -> TableOptionsCheck.check(orders(List.of("id"), ID, NOTE), orderBy("note", "id")));
        assertEquals("sink.table-options[0].order-by=note,id: column note of shop.orders is NULL-able in MySQL, and"
                + " ClickHouse refuses Nullable columns in a sorting key; make it NOT NULL in MySQL or leave it out of"
                + " the option; change the option (or the MySQL table), then restart the sink", e.getMessage());
    }

    @Test
    void aSortingKeyWithoutThePrimaryKeyIsRefused() {
        assertEquals(Optional.of("sink.table-options[0].order-by=tenant_id: it lacks primary-key column(s) id of"
                        + " shop.orders: rows of different keys would collapse into one; add them to the option; change"
                        + " the option (or the MySQL table), then restart the sink"),
                TableOptionsCheck.problem(orders(List.of("id"), ID, TENANT), orderBy("tenant_id")));
    }

    @Test
    void unknownColumnsDuplicatesTablesWithoutKeyAndExcludedKeysAreRefused() {
        assertEquals("sink.table-options[0].order-by=region,id: column region is not a column of shop.orders",
                cut(TableOptionsCheck.problem(orders(List.of("id"), ID, TENANT), orderBy("region", "id"))));
        assertEquals("sink.table-options[0].order-by=id,id: column id is named twice",
                cut(TableOptionsCheck.problem(orders(List.of("id"), ID), orderBy("id", "id"))));
        assertEquals("sink.table-options[0].order-by=tenant_id: shop.orders has no primary key: its ClickHouse table"
                        + " is a change log ordered by _version, where a sorting key would collapse rows; remove the"
                        + " option for this table",
                cut(TableOptionsCheck.problem(orders(List.of(), ID, TENANT), orderBy("tenant_id"))));
        assertEquals("sink.table-options[0].exclude-columns: column id of shop.orders is in the primary key and"
                        + " cannot be excluded",
                cut(TableOptionsCheck.problem(orders(List.of("id"), ID),
                        new TableOptions(0, List.of(), null, Set.of("id")))));
    }

    private static String cut(Optional<String> problem) {
        return problem.orElseThrow().replace("; change the option (or the MySQL table), then restart the sink", "");
    }

    @Test
    void theCreatedTableIsOrderedByTheOptionAndPartitioned() {
        ClickHouseColumn id = new ClickHouseColumn("id", "Int32", null, 0L);
        ClickHouseColumn tenant = new ClickHouseColumn("tenant_id", "Int32", null, 0L);
        ClickHouseColumn created = new ClickHouseColumn("created_at", "DateTime", null, 0L);
        TableOptions options = new TableOptions(0, List.of("tenant_id", "id"), "toYYYYMM(created_at)",
                Set.of("secret"));
        TableDefinition table = new TableDefinition("shop", "orders", List.of(id, tenant, created), List.of("id"),
                options.orderBy(), options);
        assertEquals("CREATE TABLE IF NOT EXISTS `shop`.`orders` (\n"
                + "  `id` Int32,\n  `tenant_id` Int32,\n  `created_at` DateTime,\n"
                + "  `_version` UInt64,\n  `_deleted` UInt8,\n  `_ingested_at` DateTime\n"
                + ") ENGINE = ReplacingMergeTree(_version) PARTITION BY toYYYYMM(created_at)"
                + " ORDER BY (`tenant_id`, `id`)", LEGACY.createTable(table));
        assertEquals(List.of("tenant_id"), table.movableKeyColumns());
        TableDefinition plain = new TableDefinition("shop", "orders", List.of(id), List.of("id"));
        assertEquals(List.of("id"), plain.sortingKey());
        assertEquals(List.of(), plain.movableKeyColumns());
        assertEquals(List.of(), new TableDefinition("shop", "log", List.of(id), List.of(), List.of("id"),
                TableOptions.NONE).movableKeyColumns());
    }
}
