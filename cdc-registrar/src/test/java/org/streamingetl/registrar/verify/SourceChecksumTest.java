package org.streamingetl.registrar.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.topics.TableId;

class SourceChecksumTest {

    private static ColumnDefinition column(String name, String type, Integer scale, boolean unsigned) {
        return new ColumnDefinition(name, 1, type, type, null, null, scale, null, unsigned, false, List.of());
    }

    private final SourceChecksum orders = new SourceChecksum(new TableId("shop", "orders"),
            List.of(column("region", "varchar", null, false), column("id", "bigint", null, true),
                    column("amount", "decimal", 2, false)), List.of("region", "id"));

    @Test
    void aCompositeKeyIsComparedLexicographicallyStringsByTheirBytes() {
        assertEquals("((CAST(`region` AS BINARY) > UNHEX(?)) OR (CAST(`region` AS BINARY) = UNHEX(?) AND `id` > "
                + "CAST(? AS UNSIGNED)))", orders.after());
        assertEquals(List.of("4555", "4555", "7"), orders.afterParameters(List.of("4555", "7")));
        assertEquals(List.of("41", "41", "1", "42", "42", "9"), orders.rangeParameters(List.of("41", "1"), List.of("42", "9")));
        assertTrue(orders.range(null, null).equals("1 = 1"));
    }

    @Test
    void theChecksumLocksTheChunkAndHashesEveryColumnsCanonicalText() {
        String sql = orders.checksumQuery(null, List.of("42", "9"));
        assertTrue(sql.endsWith("LOCK IN SHARE MODE"), sql);
        assertTrue(sql.contains("CONCAT_WS('#', IFNULL(HEX(`region`), 'N'), IFNULL(CAST(`id` + 0 AS CHAR), 'N'), "
                + "IFNULL(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(`amount` AS CHAR))), 'N'))"), sql);
        assertTrue(sql.contains("MOD 18446744073709551616"), sql);
        assertTrue(sql.contains("WHERE NOT ("), sql);
    }

    @Test
    void keysOfOtherTypesAndKeylessTablesAreOneChunk() {
        assertTrue(orders.chunked());
        assertFalse(new SourceChecksum(new TableId("shop", "log"), List.of(column("v", "int", null, false)), List.of())
                .chunked());
        assertFalse(new SourceChecksum(new TableId("shop", "p"), List.of(column("k", "double", null, false)),
                List.of("k")).chunked());
    }

    @Test
    void boundaryQueryReadsTheKeyOfTheLastRowOfTheNextChunk() {
        assertEquals("SELECT HEX(`region`), CAST(`id` + 0 AS CHAR) FROM `shop`.`orders` ORDER BY CAST(`region` AS "
                + "BINARY), `id` LIMIT 1 OFFSET 999", orders.boundaryQuery(false, 1000));
    }
}
