package org.streamingetl.registrar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;

class ColumnTypesTest {

    @Test
    void enumValuesAreUnquotedInOrder() {
        ColumnDefinition c = ColumnTypes.column("e", 1, "enum", "enum('a','it''s','x,y','')", 4L, null, null, null, true);
        assertEquals(List.of("a", "it's", "x,y", ""), c.values());
    }

    @Test
    void unsignedAndBitLengthAreRead() {
        ColumnDefinition u = ColumnTypes.column("u", 1, "BIGINT", "bigint(20) unsigned", null, 20, 0, null, false);
        assertTrue(u.unsigned());
        assertEquals("bigint", u.dataType());
        assertFalse(ColumnTypes.column("s", 1, "int", "int(11)", null, 10, 0, null, false).unsigned());
        assertEquals(64L, ColumnTypes.column("b", 1, "bit", "bit(64)", null, 64, null, null, true).length());
        assertEquals(1L, ColumnTypes.column("b", 1, "bit", "bit(1)", null, null, null, null, true).length());
    }
}
