package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.sink.encode.RowBinaryOutput;

class TypeMapperTest {

    private final TypeMapper legacy = new TypeMapper(ServerCapabilities.forVersion("18.16.1"));
    private final TypeMapper modern = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));

    private static ColumnDefinition column(String dataType, String columnType, boolean nullable) {
        Integer precision = null;
        Integer scale = null;
        Integer fsp = null;
        Long length = null;
        if (columnType.startsWith("decimal(")) {
            String[] ps = columnType.substring(8, columnType.indexOf(')')).split(",");
            precision = Integer.parseInt(ps[0]);
            scale = Integer.parseInt(ps[1]);
        }
        if (columnType.matches("(datetime|timestamp|time)\\(\\d\\)")) {
            fsp = Integer.parseInt(columnType.substring(columnType.indexOf('(') + 1, columnType.indexOf(')')));
        }
        if (columnType.startsWith("bit(")) {
            length = Long.parseLong(columnType.substring(4, columnType.indexOf(')')));
        }
        return new ColumnDefinition("c", 1, dataType, columnType, length, precision, scale, fsp,
                columnType.contains("unsigned"), nullable, List.of());
    }

    private String legacyType(String dataType, String columnType) {
        return legacy.map(column(dataType, columnType, false)).type();
    }

    private String modernType(String dataType, String columnType) {
        return modern.map(column(dataType, columnType, false)).type();
    }

    @Test
    void integersKeepSignAndWidth() {
        assertEquals("Int8", legacyType("tinyint", "tinyint(4)"));
        assertEquals("UInt8", legacyType("tinyint", "tinyint(3) unsigned"));
        assertEquals("Int16", legacyType("smallint", "smallint(6)"));
        assertEquals("Int32", legacyType("mediumint", "mediumint(9)"));
        assertEquals("UInt32", legacyType("mediumint", "mediumint(8) unsigned"));
        assertEquals("UInt32", legacyType("int", "int(10) unsigned"));
        assertEquals("Int64", legacyType("bigint", "bigint(20)"));
        assertEquals("UInt64", modernType("bigint", "bigint(20) unsigned"));
    }

    @Test
    void decimalsBeyond38DigitsFallBackToTextOnOldServers() {
        assertEquals("Decimal(10, 0)", legacyType("decimal", "decimal(10,0)"));
        assertEquals("String", legacyType("decimal", "decimal(65,30)"));
        assertEquals("Decimal(65, 30)", modernType("decimal", "decimal(65,30)"));
    }

    @Test
    void temporalTypesUseExactTypesOnModernServersAndTextOnOldOnes() {
        assertEquals("Date32", modernType("date", "date"));
        assertEquals("DateTime64(6)", modernType("datetime", "datetime(6)"));
        assertEquals("DateTime64(3, 'UTC')", modernType("timestamp", "timestamp(3)"));
        assertEquals("String", legacyType("date", "date"));
        assertEquals("String", legacyType("datetime", "datetime(6)"));
        assertEquals("Int64", legacyType("time", "time(6)"));
        assertEquals("Int64", modernType("time", "time"));
        assertEquals("UInt16", legacyType("year", "year(4)"));
    }

    @Test
    void otherTypes() {
        assertEquals("Float32", legacyType("float", "float"));
        assertEquals("Float64", legacyType("double", "double"));
        assertEquals("UInt8", legacyType("bit", "bit(1)"));
        assertEquals("UInt64", legacyType("bit", "bit(64)"));
        for (String t : List.of("char", "varchar", "text", "longtext", "binary", "varbinary", "blob", "json", "set",
                "geometry", "point")) {
            assertEquals("String", legacyType(t, t), t);
        }
        assertEquals("String", legacyType("enum", "enum('a','b')"));
        assertEquals("LowCardinality(String)", modernType("enum", "enum('a','b')"));
    }

    @Test
    void nullableColumnsAreWrappedAndNotNullOnesHaveAWritableZero() {
        ClickHouseColumn nullable = legacy.map(column("int", "int(11)", true));
        assertEquals("Nullable(Int32)", nullable.type());
        assertEquals(null, nullable.missingValue());
        for (String[] t : List.of(new String[] {"int", "int(11)"}, new String[] {"decimal", "decimal(10,2)"},
                new String[] {"datetime", "datetime(6)"}, new String[] {"timestamp", "timestamp(6)"},
                new String[] {"date", "date"}, new String[] {"time", "time(6)"}, new String[] {"varchar", "varchar(5)"},
                new String[] {"double", "double"})) {
            for (TypeMapper mapper : List.of(legacy, modern)) {
                ClickHouseColumn c = mapper.map(column(t[0], t[1], false));
                RowBinaryOutput out = new RowBinaryOutput(16);
                c.writer().write(out, c.missingValue());
                assertTrue(out.size() > 0, t[1]);
            }
        }
    }

    @Test
    void oldServersGetMySqlsOwnTextForTemporalValues() {
        RowBinaryOutput out = new RowBinaryOutput(64);
        legacy.map(column("datetime", "datetime(6)", false)).writer()
                .write(out, LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000));
        legacy.map(column("datetime", "datetime(0)", false)).writer().write(out, LocalDateTime.of(2024, 2, 29, 1, 2, 3));
        legacy.map(column("date", "date", false)).writer().write(out, LocalDate.of(1, 1, 1));
        legacy.map(column("timestamp", "timestamp(3)", false)).writer().write(out, Instant.parse("2038-01-19T03:14:07.999Z"));
        String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.contains("2024-02-29 23:59:59.123456"), text);
        assertTrue(text.contains("2024-02-29 01:02:03\n0001-01-01"), text); // no fraction; next length byte is 10
        assertTrue(text.contains("0001-01-01"), text);
        assertTrue(text.contains("2038-01-19 03:14:07.999"), text);
        assertFalse(text.contains("T"), text);
    }

    @Test
    void unknownTypesAreRefusedNamingTheColumn() {
        UnmappableTypeException e = assertThrows(UnmappableTypeException.class,
                () -> legacy.map(column("vector", "vector(3)", false)));
        assertTrue(e.getMessage().contains("column c") && e.getMessage().contains("vector(3)"), e.getMessage());
    }

    @Test
    void serverVersionsAboveTwentyThreeEightAreModern() {
        assertFalse(ServerCapabilities.forVersion("18.16.1").modern());
        assertFalse(ServerCapabilities.forVersion("23.7.4").modern());
        assertTrue(ServerCapabilities.forVersion("23.8").modern());
        assertTrue(ServerCapabilities.forVersion("26.7.1.1").modern());
        assertThrows(IllegalArgumentException.class, () -> ServerCapabilities.forVersion("garbage"));
    }
}
