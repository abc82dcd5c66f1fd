package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefault;
import org.streamingetl.common.control.ColumnDefinition;

/** A column's backfill becomes the value of rows written before it existed, and the ClickHouse DEFAULT. */
class TypeMapperBackfillTest {

    private static final TypeMapper LEGACY = new TypeMapper(ServerCapabilities.forVersion("18.16.1"));
    private static final TypeMapper MODERN = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));

    private static ColumnDefinition with(ColumnDefinition c, boolean nullable, ColumnDefault backfill) {
        return new ColumnDefinition(c.name(), c.position(), c.dataType(), c.columnType(), c.length(), c.precision(),
                c.scale(), c.fractionalSeconds(), c.unsigned(), nullable, c.values(), backfill, backfill);
    }

    private static ColumnDefinition with(ColumnDefinition c, String value) {
        return with(c, false, ColumnDefault.value(value));
    }

    @Test
    void decimalOfTheIssue() {
        ClickHouseColumn legacy = LEGACY.map(with(Columns.decimal(20, 6), true, ColumnDefault.value("1.500000")));
        assertEquals(new BigDecimal("1.500000"), legacy.missingValue());
        assertEquals("CAST('1.500000' AS Decimal(20, 6))", legacy.defaultExpression());
        assertEquals("Nullable(Decimal(20, 6))", legacy.type());
    }

    @Test
    void numbers() {
        assertEquals("toInt32('-7')", LEGACY.map(with(Columns.of("int", "int(11)"), "-7")).defaultExpression());
        assertEquals("toUInt64('18446744073709551615')", LEGACY.map(with(Columns.unsigned("bigint",
                "bigint(20) unsigned"), "18446744073709551615")).defaultExpression());
        assertEquals("toFloat64('1.0E300')", LEGACY.map(with(Columns.of("double", "double"), "1e300")).defaultExpression());
        assertEquals("toFloat32('1.1')", LEGACY.map(with(Columns.of("float", "float"), "1.1")).defaultExpression());
        assertEquals("toUInt64('5')", LEGACY.map(with(Columns.bit(3), "5")).defaultExpression());
        assertEquals(BigInteger.valueOf(5), LEGACY.map(with(Columns.bit(3), "5")).missingValue());
        assertEquals("String", LEGACY.map(with(Columns.decimal(65, 30), "1.5")).type());
        assertEquals("'1.500000000000000000000000000000'",
                LEGACY.map(with(Columns.decimal(65, 30), "1.5")).defaultExpression());
        assertEquals("CAST('1.500000000000000000000000000000' AS Decimal(65, 30))",
                MODERN.map(with(Columns.decimal(65, 30), "1.5")).defaultExpression());
    }

    @Test
    void stringsKeepEveryByte() {
        ClickHouseColumn text = LEGACY.map(with(Columns.of("varchar", "varchar(20)"), "it's a \\ b\n🎉"));
        assertEquals("it's a \\ b\n🎉", text.missingValue());
        assertEquals("'it\\'s a \\\\ b\\x0A\\xF0\\x9F\\x8E\\x89'", text.defaultExpression());
        ClickHouseColumn binary = LEGACY.map(with(Columns.of("c", "binary", "binary(4)", 4L, null, null, null, false), "ab"));
        assertArrayEquals(new byte[] {'a', 'b', 0, 0}, (byte[]) binary.missingValue());
        assertEquals("'ab\\x00\\x00'", binary.defaultExpression());
        assertEquals("'x'", MODERN.map(with(new ColumnDefinition("e", 1, "enum", "enum('x','y')", null, null, null,
                null, false, true, List.of("x", "y")), true, ColumnDefault.value("x"))).defaultExpression());
    }

    @Test
    void temporals() {
        assertEquals(LocalDate.of(2024, 2, 29), MODERN.map(with(Columns.temporal("date", 0), "2024-02-29")).missingValue());
        assertEquals("toDate32('2024-02-29')", MODERN.map(with(Columns.temporal("date", 0), "2024-02-29")).defaultExpression());
        assertEquals("'2024-02-29'", LEGACY.map(with(Columns.temporal("date", 0), "2024-02-29")).defaultExpression());
        ClickHouseColumn modern = MODERN.map(with(Columns.temporal("datetime", 6), "2024-02-29 10:00:00.500000"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 10, 0, 0, 500_000_000), modern.missingValue());
        assertEquals("CAST(fromUnixTimestamp64Micro(toInt64('1709200800500000'), 'UTC') AS DateTime64(6))",
                modern.defaultExpression());
        assertEquals("'2024-02-29 10:00:00.500000'",
                LEGACY.map(with(Columns.temporal("datetime", 6), "2024-02-29 10:00:00.500000")).defaultExpression());
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
                LEGACY.map(with(Columns.temporal("time", 0), "-838:59:59")).missingValue());
        assertEquals("toInt64('-3020399000000')", LEGACY.map(with(Columns.temporal("time", 0), "-838:59:59")).defaultExpression());
    }

    @Test
    void noneNullAndExpressionsKeepTheOldBehaviour() {
        ClickHouseColumn none = LEGACY.map(with(Columns.of("int", "int(11)"), false, ColumnDefault.NONE));
        assertEquals(0L, none.missingValue());
        assertNull(none.defaultExpression());
        ClickHouseColumn nul = LEGACY.map(with(Columns.of("int", "int(11)"), true, ColumnDefault.NULL));
        assertNull(nul.missingValue());
        assertNull(nul.defaultExpression());
        ClickHouseColumn now = LEGACY.map(with(Columns.temporal("datetime", 0), false,
                ColumnDefault.expression("current_timestamp()")));
        assertNull(now.defaultExpression());
        ClickHouseColumn zero = LEGACY.map(with(Columns.temporal("date", 0), true, ColumnDefault.value("0000-00-00")));
        assertNull(zero.missingValue(), "Debezium sends a zero date as NULL");
        assertNull(zero.defaultExpression());
    }
}
