package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdlBuilderTest {

    private static final DdlBuilder LEGACY = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"));
    private static final DdlBuilder MODERN = new DdlBuilder(ServerCapabilities.forVersion("24.8.1"));

    private static final ClickHouseColumn A = new ClickHouseColumn("a", "Int32", null, 0L);
    private static final ClickHouseColumn B = new ClickHouseColumn("b", "String", null, "");
    private static final ClickHouseColumn NOTE = new ClickHouseColumn("note", "Nullable(String)", null, null);
    private static final TableDefinition COMPOSITE_KEY =
            new TableDefinition("shop", "orders", List.of(A, B, NOTE), List.of("a", "b"));

    @Test
    void aLegacyTableCollapsesByVersionOrderedByItsCompositeKey() {
        assertEquals("""
                CREATE TABLE IF NOT EXISTS `shop`.`orders` (
                  `a` Int32,
                  `b` String,
                  `note` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_ingested_at` DateTime
                ) ENGINE = ReplacingMergeTree(_version) ORDER BY (`a`, `b`)""", LEGACY.createTable(COMPOSITE_KEY));
    }

    @Test
    void aModernTableAlsoDropsDeletedRowsOnMerge() {
        assertEquals("""
                CREATE TABLE IF NOT EXISTS `shop`.`orders` (
                  `a` Int32,
                  `b` String,
                  `note` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_ingested_at` DateTime
                ) ENGINE = ReplacingMergeTree(_version, _deleted) ORDER BY (`a`, `b`)""", MODERN.createTable(COMPOSITE_KEY));
    }

    @Test
    void aTableWithoutPrimaryKeyIsOrderedByVersion() {
        String create = LEGACY.createTable(new TableDefinition("shop", "log", List.of(A, NOTE), List.of()));
        assertTrue(create.endsWith(") ENGINE = ReplacingMergeTree(_version) ORDER BY (`_version`)"), create);
    }

    @Test
    void identifiersWithBackticksOrBackslashesAreEscaped() {
        ClickHouseColumn odd = new ClickHouseColumn("we`ird\\", "Int32", null, 0L);
        String create = LEGACY.createTable(new TableDefinition("my`db", "t`1", List.of(odd), List.of("we`ird\\")));
        assertTrue(create.startsWith("CREATE TABLE IF NOT EXISTS `my\\`db`.`t\\`1` (\n  `we\\`ird\\\\` Int32,"), create);
        assertTrue(create.endsWith("ORDER BY (`we\\`ird\\\\`)"), create);
        assertEquals("CREATE DATABASE IF NOT EXISTS `my\\`db`", LEGACY.createDatabase("my`db"));
    }

    @Test
    void addColumnUsesIfNotExistsOnlyOnModernServers() {
        assertEquals("ALTER TABLE `shop`.`orders` ADD COLUMN `note` Nullable(String) AFTER `b`",
                LEGACY.addColumn(COMPOSITE_KEY, NOTE, "b"));
        assertEquals("ALTER TABLE `shop`.`orders` ADD COLUMN IF NOT EXISTS `note` Nullable(String) AFTER `b`",
                MODERN.addColumn(COMPOSITE_KEY, NOTE, "b"));
        assertEquals("ALTER TABLE `shop`.`orders` ADD COLUMN IF NOT EXISTS `a` Int32", MODERN.addColumn(COMPOSITE_KEY, A, null));
    }

    @Test
    void modifyColumnSetsTheNewType() {
        ClickHouseColumn widened = new ClickHouseColumn("a", "Int64", null, 0L);
        assertEquals("ALTER TABLE `shop`.`orders` MODIFY COLUMN `a` Int64", LEGACY.modifyColumn(COMPOSITE_KEY, widened));
        assertEquals("ALTER TABLE `shop`.`orders` MODIFY COLUMN `a` Int64", MODERN.modifyColumn(COMPOSITE_KEY, widened));
    }

    @Test
    void aRenameIsRenameColumnWhereTheServerHasIt() {
        ClickHouseColumn label = new ClickHouseColumn("label", "Nullable(String)", null, null);
        assertEquals("ALTER TABLE `shop`.`orders` RENAME COLUMN `note` TO `label`",
                MODERN.renameColumn(COMPOSITE_KEY, "note", label));
        assertEquals("ALTER TABLE `shop`.`orders` RENAME COLUMN `note` TO `label`",
                new DdlBuilder(ServerCapabilities.forVersion("20.4.2")).renameColumn(COMPOSITE_KEY, "note", label));
    }

    @Test
    void anOldServerGetsANewColumnThatDefaultsToTheOldOne() {
        ClickHouseColumn label = new ClickHouseColumn("label", "Nullable(String)", null, null);
        assertEquals("ALTER TABLE `shop`.`orders` ADD COLUMN `label` Nullable(String) DEFAULT `note` AFTER `note`",
                LEGACY.renameColumn(COMPOSITE_KEY, "note", label));
    }

    @Test
    void aTypeChangeKeepsTheDefaultThatAnOldServersRenameLeft() {
        assertEquals("ALTER TABLE `shop`.`orders` MODIFY COLUMN `a` Int64 DEFAULT `qty`",
                LEGACY.modifyColumn(COMPOSITE_KEY, new ClickHouseColumn("a", "Int64", null, 0L), "`qty`"));
        assertEquals("ALTER TABLE `shop`.`orders` MODIFY COLUMN `a` Int64",
                MODERN.modifyColumn(COMPOSITE_KEY, new ClickHouseColumn("a", "Int64", null, 0L)));
    }

    @Test
    void truncateAndDrop() {
        assertEquals("TRUNCATE TABLE `shop`.`orders`", LEGACY.truncateTable(COMPOSITE_KEY.qualifiedName()));
        assertEquals("DROP TABLE IF EXISTS `shop`.`orders`", MODERN.dropTable(COMPOSITE_KEY.qualifiedName()));
    }

    private static final DdlBuilder CLUSTER = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"),
            java.util.Optional.of("pipeline"), () -> "inc1");

    @Test
    void onAClusterATableIsReplicatedUnderAPathOfItsOwnIncarnation() {
        assertEquals("""
                CREATE TABLE IF NOT EXISTS `shop`.`orders` ON CLUSTER `pipeline` (
                  `a` Int32,
                  `b` String,
                  `note` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_ingested_at` DateTime
                ) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/shop/orders/inc1', '{replica}', \
                _version) ORDER BY (`a`, `b`)""", CLUSTER.createTable(COMPOSITE_KEY));
        assertTrue(CLUSTER.clustered());
    }

    @Test
    void twoCreationsOfOneTableGetTwoZooKeeperPaths() {
        DdlBuilder random = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"), java.util.Optional.of("c"));
        assertTrue(!random.createTable(COMPOSITE_KEY).equals(random.createTable(COMPOSITE_KEY)));
    }

    @Test
    void onAClusterEveryDdlRunsOnCluster() {
        assertEquals("CREATE DATABASE IF NOT EXISTS `shop` ON CLUSTER `pipeline`", CLUSTER.createDatabase("shop"));
        assertEquals("ALTER TABLE `shop`.`orders` ON CLUSTER `pipeline` ADD COLUMN `b` String AFTER `a`",
                CLUSTER.addColumn(COMPOSITE_KEY, B, "a"));
        assertEquals("ALTER TABLE `shop`.`orders` ON CLUSTER `pipeline` MODIFY COLUMN `b` String",
                CLUSTER.modifyColumn(COMPOSITE_KEY, B));
        assertEquals("ALTER TABLE `shop`.`orders` ON CLUSTER `pipeline` ADD COLUMN `b` String DEFAULT `a` AFTER `a`",
                CLUSTER.renameColumn(COMPOSITE_KEY, "a", B));
        assertEquals("DROP TABLE IF EXISTS `shop`.`orders` ON CLUSTER `pipeline`",
                CLUSTER.dropTable("`shop`.`orders`"));
        assertEquals("ALTER TABLE `shop`.`orders` ON CLUSTER `pipeline` DELETE WHERE 1",
                CLUSTER.truncateTable("`shop`.`orders`"));
        assertTrue(CLUSTER.truncateIsMutation());
        assertEquals("TRUNCATE TABLE `shop`.`orders`", LEGACY.truncateTable("`shop`.`orders`"));
        assertTrue(!LEGACY.truncateIsMutation() && !LEGACY.clustered());
    }
}
