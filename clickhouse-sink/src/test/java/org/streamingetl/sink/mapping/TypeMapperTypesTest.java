package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;

/** The ClickHouse type of each MySQL type, on an old (18.16) and a modern (24.8) server. */
class TypeMapperTypesTest {

    private final TypeMapper legacy = new TypeMapper(ServerCapabilities.forVersion("18.16.1"));
    private final TypeMapper modern = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));

    private void assertBoth(String expected, ColumnDefinition column) {
        assertEquals(expected, legacy.map(column).type(), "legacy " + column.columnType());
        assertEquals(expected, modern.map(column).type(), "modern " + column.columnType());
    }

    @Test
    void signedIntegersKeepTheirWidth() {
        assertBoth("Int8", Columns.of("tinyint", "tinyint(4)"));
        assertBoth("Int16", Columns.of("smallint", "smallint(6)"));
        assertBoth("Int32", Columns.of("mediumint", "mediumint(9)"));
        assertBoth("Int32", Columns.of("int", "int(11)"));
        assertBoth("Int32", Columns.of("INTEGER", "int(11)"));
        assertBoth("Int64", Columns.of("bigint", "bigint(20)"));
    }

    @Test
    void unsignedIntegersBecomeUInt() {
        assertBoth("UInt8", Columns.unsigned("tinyint", "tinyint(3) unsigned"));
        assertBoth("UInt16", Columns.unsigned("smallint", "smallint(5) unsigned"));
        assertBoth("UInt32", Columns.unsigned("mediumint", "mediumint(8) unsigned"));
        assertBoth("UInt32", Columns.unsigned("int", "int(10) unsigned"));
        assertBoth("UInt64", Columns.unsigned("bigint", "bigint(20) unsigned"));
    }

    @Test
    void decimalsUpTo38DigitsAreDecimalEverywhere() {
        assertBoth("Decimal(10, 0)", Columns.decimal(10, 0));
        assertBoth("Decimal(38, 10)", Columns.decimal(38, 10));
        assertBoth("Decimal(10, 0)", Columns.of("c", "numeric", "decimal", null, null, null, null, false));
    }

    @Test
    void decimalsBeyond38DigitsAreTextOnOldServersOnly() {
        assertEquals("String", legacy.map(Columns.decimal(65, 30)).type());
        assertEquals("Decimal(65, 30)", modern.map(Columns.decimal(65, 30)).type());
    }

    @Test
    void floatsBitsAndYears() {
        assertBoth("Float32", Columns.of("float", "float"));
        assertBoth("Float64", Columns.of("double", "double"));
        assertBoth("UInt8", Columns.bit(1));
        assertBoth("UInt64", Columns.bit(64));
        assertBoth("UInt64", Columns.bit(2));
        assertBoth("UInt16", Columns.of("year", "year(4)"));
    }

    @Test
    void temporalTypesAreExactOnModernServers() {
        assertEquals("Date32", modern.map(Columns.temporal("date", 0)).type());
        assertEquals("DateTime64(6)", modern.map(Columns.temporal("datetime", 6)).type());
        assertEquals("DateTime64(0)", modern.map(Columns.temporal("datetime", 0)).type());
        assertEquals("DateTime64(6, 'UTC')", modern.map(Columns.temporal("timestamp", 6)).type());
        assertEquals("Int64", modern.map(Columns.temporal("time", 6)).type());
    }

    @Test
    void temporalTextMappingCanBeChosenOnModernServers() {
        TypeMapper text = new TypeMapper(ServerCapabilities.forVersion("26.7.2"), true);
        assertEquals("String", text.map(Columns.temporal("date", 0)).type());
        assertEquals("String", text.map(Columns.temporal("datetime", 6)).type());
        assertEquals("String", text.map(Columns.temporal("timestamp", 6)).type());
        assertEquals("Int64", text.map(Columns.temporal("time", 6)).type());
    }

    @Test
    void temporalTypesAreTextOnOldServersExceptTime() {
        assertEquals("String", legacy.map(Columns.temporal("date", 0)).type());
        assertEquals("String", legacy.map(Columns.temporal("datetime", 6)).type());
        assertEquals("String", legacy.map(Columns.temporal("timestamp", 6)).type());
        assertEquals("Int64", legacy.map(Columns.temporal("time", 0)).type());
    }

    @Test
    void textBinaryJsonSetAndGeometryAreStrings() {
        for (String t : List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "binary", "varbinary",
                "tinyblob", "blob", "mediumblob", "longblob", "json", "set", "geometry", "point", "polygon")) {
            assertBoth("String", Columns.of(t, t));
        }
    }

    @Test
    void enumIsLowCardinalityOnlyOnModernServers() {
        assertEquals("String", legacy.map(Columns.of("enum", "enum('a','b')")).type());
        assertEquals("LowCardinality(String)", modern.map(Columns.of("enum", "enum('a','b')")).type());
    }
}
