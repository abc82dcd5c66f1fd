package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.encode.UnwritableValueException;

/** Nullability, the missing value of NOT NULL columns, and unmappable types. */
class TypeMapperColumnsTest {

    private static final List<TypeMapper> MAPPERS = List.of(
            new TypeMapper(ServerCapabilities.forVersion("18.16.1")),
            new TypeMapper(ServerCapabilities.forVersion("24.8.1")));

    private static final List<ColumnDefinition> EVERY_KIND = List.of(
            Columns.of("tinyint", "tinyint(4)"), Columns.unsigned("bigint", "bigint(20) unsigned"),
            Columns.decimal(10, 2), Columns.decimal(65, 30), Columns.of("float", "float"), Columns.of("double", "double"),
            Columns.bit(1), Columns.bit(64), Columns.of("year", "year"), Columns.temporal("date", 0),
            Columns.temporal("datetime", 6), Columns.temporal("timestamp", 3), Columns.temporal("time", 6),
            Columns.of("varchar", "varchar(5)"), Columns.of("blob", "blob"), Columns.of("enum", "enum('a')"),
            Columns.of("set", "set('a')"), Columns.of("json", "json"), Columns.of("geometry", "geometry"));

    @Test
    void nullableColumnsAreWrappedAndMissNull() {
        TypeMapper legacy = MAPPERS.get(0);
        ClickHouseColumn c = legacy.map(Columns.nullable(Columns.of("int", "int(11)")));
        assertEquals("Nullable(Int32)", c.type());
        assertNull(c.missingValue());
        assertEquals("Nullable(Decimal(10, 2))", legacy.map(Columns.nullable(Columns.decimal(10, 2))).type());
        assertEquals("Nullable(String)", legacy.map(Columns.nullable(Columns.temporal("datetime", 6))).type());
        RowBinaryOutput out = new RowBinaryOutput(0);
        c.writer().write(out, null);
        assertEquals(1, out.size());
    }

    @Test
    void aNullableEnumOnAModernServerIsLowCardinalityOfNullable() {
        // ClickHouse refuses Nullable(LowCardinality(String)): "Nested type LowCardinality(String) cannot be inside Nullable type"
        ClickHouseColumn c = MAPPERS.get(1).map(Columns.nullable(Columns.of("enum", "enum('a','b')")));
        assertEquals("LowCardinality(Nullable(String))", c.type());
        RowBinaryOutput out = new RowBinaryOutput(0);
        c.writer().write(out, null);
        c.writer().write(out, "a");
        // LowCardinality is transparent in RowBinary: the bytes are Nullable(String)'s
        assertArrayEquals(new byte[] {1, 0, 1, 'a'}, out.toByteArray());
        assertEquals("Nullable(String)", MAPPERS.get(0).map(Columns.nullable(Columns.of("enum", "enum('a')"))).type());
    }

    @Test
    void notNullColumnsRefuseNull() {
        for (TypeMapper mapper : MAPPERS) {
            ClickHouseColumn c = mapper.map(Columns.of("int", "int(11)"));
            assertThrows(UnwritableValueException.class, () -> c.writer().write(new RowBinaryOutput(0), null));
        }
    }

    @Test
    void theMissingValueOfEveryNotNullColumnIsWritableByItsWriter() {
        for (TypeMapper mapper : MAPPERS) {
            for (ColumnDefinition column : EVERY_KIND) {
                ClickHouseColumn c = mapper.map(column);
                String what = c.type() + " for " + column.columnType();
                assertTrue(c.missingValue() != null, what);
                RowBinaryOutput out = new RowBinaryOutput(0);
                assertDoesNotThrow(() -> c.writer().write(out, c.missingValue()), what);
                assertTrue(out.size() > 0, what);
            }
        }
    }

    @Test
    void missingValuesAreTheTypesZero() {
        TypeMapper modern = MAPPERS.get(1);
        assertEquals(0L, modern.map(Columns.of("int", "int(11)")).missingValue());
        assertEquals("", modern.map(Columns.of("varchar", "varchar(5)")).missingValue());
        assertEquals(java.math.BigDecimal.ZERO, modern.map(Columns.decimal(10, 2)).missingValue());
        assertEquals(java.time.LocalDate.EPOCH, modern.map(Columns.temporal("date", 0)).missingValue());
        assertEquals(java.time.Instant.EPOCH, modern.map(Columns.temporal("timestamp", 6)).missingValue());
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheColumnAndItsType() {
        for (TypeMapper mapper : MAPPERS) {
            UnmappableTypeException e = assertThrows(UnmappableTypeException.class,
                    () -> mapper.map(Columns.of("embedding", "vector", "vector(3)", null, null, null, null, false)));
            assertTrue(e.getMessage().contains("embedding"), e.getMessage());
            assertTrue(e.getMessage().contains("vector(3)"), e.getMessage());
        }
    }
}
