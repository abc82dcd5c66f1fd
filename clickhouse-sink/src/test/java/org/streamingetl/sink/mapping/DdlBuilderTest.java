package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdlBuilderTest {

    private static final ClickHouseColumn A = new ClickHouseColumn("a", "Int32", null, 0L);
    private static final ClickHouseColumn B = new ClickHouseColumn("b`x", "Nullable(String)", null, null);

    @Test
    void legacyTablesCollapseByVersionAndOrderByTheKey() {
        DdlBuilder ddl = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"));
        assertEquals("""
                CREATE TABLE IF NOT EXISTS `db`.`t` (
                  `a` Int32,
                  `b\\`x` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_ingested_at` DateTime
                ) ENGINE = ReplacingMergeTree(_version) ORDER BY (`a`, `b\\`x`)""",
                ddl.createTable(new TableDefinition("db", "t", List.of(A, B), List.of("a", "b`x"))));
    }

    @Test
    void modernTablesAlsoKnowTheDeletedFlag() {
        DdlBuilder ddl = new DdlBuilder(ServerCapabilities.forVersion("25.8.1"));
        String create = ddl.createTable(new TableDefinition("db", "t", List.of(A), List.of("a")));
        assertEquals(true, create.endsWith("ENGINE = ReplacingMergeTree(_version, _deleted) ORDER BY (`a`)"), create);
    }

    @Test
    void tablesWithoutPrimaryKeyAreAChangeLogOrderedByVersion() {
        DdlBuilder ddl = new DdlBuilder(ServerCapabilities.forVersion("18.16.1"));
        String create = ddl.createTable(new TableDefinition("db", "log", List.of(A), List.of()));
        assertEquals(true, create.endsWith("ORDER BY (`_version`)"), create);
    }

    @Test
    void alterStatements() {
        TableDefinition t = new TableDefinition("db", "t", List.of(A), List.of("a"));
        assertEquals("ALTER TABLE `db`.`t` ADD COLUMN `b\\`x` Nullable(String) AFTER `a`",
                new DdlBuilder(ServerCapabilities.forVersion("18.16.1")).addColumn(t, B, "a"));
        assertEquals("ALTER TABLE `db`.`t` ADD COLUMN IF NOT EXISTS `b\\`x` Nullable(String)",
                new DdlBuilder(ServerCapabilities.forVersion("24.3")).addColumn(t, B, null));
        assertEquals("ALTER TABLE `db`.`t` MODIFY COLUMN `a` Int32",
                new DdlBuilder(ServerCapabilities.forVersion("18.16.1")).modifyColumn(t, A));
    }
}
