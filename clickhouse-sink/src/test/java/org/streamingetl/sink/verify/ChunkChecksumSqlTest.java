package org.streamingetl.sink.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.TableOptions;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.TableDefinition;

class ChunkChecksumSqlTest {

    private static ColumnDefinition mysql(String name, String type) {
        return new ColumnDefinition(name, 1, type, type, null, null, 2, null, false, true, List.of());
    }

    private static ClickHouseColumn ch(String name, String type) {
        return new ClickHouseColumn(name, type, null, null);
    }

    @Test
    void eachTypesCanonicalTextFromItsClickHouseColumn() {
        assertEquals("hex(`s`)", ChunkChecksumSql.canonical(mysql("s", "varchar"), ch("s", "Nullable(String)")));
        assertEquals("hex(`e`)", ChunkChecksumSql.canonical(mysql("e", "enum"), ch("e", "LowCardinality(String)")));
        assertEquals("toString(`i`)", ChunkChecksumSql.canonical(mysql("i", "bigint"), ch("i", "UInt64")));
        assertEquals("toString(toFloat64(`f`))", ChunkChecksumSql.canonical(mysql("f", "float"), ch("f", "Float32")));
        assertEquals("`d`", ChunkChecksumSql.canonical(mysql("d", "datetime"), ch("d", "Nullable(String)")),
                "legacy temporal text is MySQL's text already");
        assertEquals("toString(`d`)", ChunkChecksumSql.canonical(mysql("d", "datetime"), ch("d", "DateTime64(3)")));
        assertTrue(ChunkChecksumSql.canonical(mysql("a", "decimal"), ch("a", "Decimal(10, 2)")).startsWith("replaceRegexpOne"));
    }

    @Test
    void theChunkIsTheCurrentStateWithinTheKeyRange() {
        TableCaptured captured = new TableCaptured("shop", "orders", "p.shop.orders", List.of("id"),
                List.of(mysql("id", "int"), mysql("name", "varchar")));
        TableDefinition definition = new TableDefinition("shop", "orders", List.of(ch("id", "Int32"),
                ch("name", "Nullable(String)")), List.of("id"));
        VerifyMarker marker = new VerifyMarker("c/1/1", "c", "shop.orders", 1, 1, List.of("1000"), List.of("2000"),
                List.of("id", "name"), 1000, "123", null);
        String sql = ChunkChecksumSql.query(captured, definition, marker);
        assertTrue(sql.contains("concat(ifNull(toString(`id`), 'N'), '#', ifNull(hex(`name`), 'N'))"), sql);
        assertTrue(sql.endsWith("FROM `shop`.`orders` FINAL WHERE _deleted = 0 AND ((`id` > 1000)) AND NOT ((`id` > 2000))"), sql);
        assertThrows(IllegalArgumentException.class, () -> ChunkChecksumSql.literal(mysql("id", "int"), "1 OR 1=1"));
    }

    @Test
    void aTableWithExcludedColumnsCannotBeComparedAndSaysWhy() {
        TableCaptured captured = new TableCaptured("shop", "orders", "p.shop.orders", List.of("id"),
                List.of(mysql("id", "int"), mysql("secret", "varchar")));
        TableDefinition definition = new TableDefinition("shop", "orders", List.of(ch("id", "Int32")), List.of("id"),
                List.of("id"), new TableOptions(2, List.of(), null, Set.of("secret")));
        VerifyMarker marker = new VerifyMarker("c/1/1", "c", "shop.orders", 1, 1, null, null,
                List.of("id", "secret"), 1, "1", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkChecksumSql.query(captured, definition, marker));
        assertEquals("column secret is excluded from ClickHouse table `shop`.`orders` by"
                + " sink.table-options[2].exclude-columns, so the drift check cannot compare this table (MySQL's"
                + " checksum covers every column)", e.getMessage());
    }
}
