package org.streamingetl.registrar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;

/** ColumnDefinitions from information_schema.COLUMNS values. */
class ColumnTypesTest {

    private static ColumnDefinition enumColumn(String columnType) {
        return ColumnTypes.column("e", 1, "enum", columnType, 10L, null, null, null, true);
    }

    @Test
    void enumValuesAreUnquotedInDeclarationOrder() {
        assertEquals(List.of("small", "medium", "large"), enumColumn("enum('small','medium','large')").values());
    }

    @Test
    void aDoubledQuoteInsideAValueIsOneQuote() {
        assertEquals(List.of("it's", "''", "x"), enumColumn("enum('it''s','''''','x')").values());
    }

    @Test
    void commasAndParenthesesInsideAValueStayInIt() {
        assertEquals(List.of("a,b", "(c)", " d ", ""), enumColumn("enum('a,b','(c)',' d ','')").values());
    }

    @Test
    void setValuesAreReadLikeEnumValuesAndKeepTheirCase() {
        ColumnDefinition c = ColumnTypes.column("s", 2, "SET", "set('Red','Green','Blue, light')", 20L, null, null, null,
                false);
        assertEquals("set", c.dataType());
        assertEquals(List.of("Red", "Green", "Blue, light"), c.values());
    }

    @Test
    void otherTypesHaveNoValues() {
        assertEquals(List.of(), ColumnTypes.column("v", 1, "varchar", "varchar(20)", 20L, null, null, null, true).values());
    }

    @Test
    void unsignedIsReadFromTheColumnType() {
        assertTrue(ColumnTypes.column("u", 1, "BIGINT", "bigint(20) unsigned", null, 20, 0, null, false).unsigned());
        assertTrue(ColumnTypes.column("u", 1, "int", "int unsigned zerofill", null, 10, 0, null, false).unsigned());
        assertTrue(ColumnTypes.column("u", 1, "decimal", "DECIMAL(10,2) UNSIGNED", null, 10, 2, null, false).unsigned());
        assertFalse(ColumnTypes.column("s", 1, "int", "int(11)", null, 10, 0, null, false).unsigned());
    }

    @Test
    void theDataTypeIsLowerCasedAndTheRestKept() {
        ColumnDefinition c = ColumnTypes.column("d", 3, "DATETIME", "datetime(6)", null, null, null, 6, true);
        assertEquals("datetime", c.dataType());
        assertEquals("datetime(6)", c.columnType());
        assertEquals(6, c.fractionalSeconds());
        assertEquals(3, c.position());
        assertTrue(c.nullable());
    }

    @Test
    void bitLengthComesFromThePrecision() {
        assertEquals(64L, ColumnTypes.column("b", 1, "bit", "bit(64)", null, 64, null, null, true).length());
        assertEquals(5L, ColumnTypes.column("b", 1, "bit", "bit(5)", 99L, 5, null, null, true).length());
    }

    @Test
    void withoutPrecisionBitLengthComesFromTheColumnType() {
        assertEquals(12L, ColumnTypes.column("b", 1, "bit", "bit(12)", null, null, null, null, true).length());
        assertEquals(1L, ColumnTypes.column("b", 1, "bit", "bit", null, null, null, null, true).length());
    }
}
