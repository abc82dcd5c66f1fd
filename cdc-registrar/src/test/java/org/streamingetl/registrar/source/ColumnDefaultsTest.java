package org.streamingetl.registrar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefault;

/** information_schema's COLUMN_DEFAULT as MariaDB and MySQL write it. */
class ColumnDefaultsTest {

    private static ColumnDefault maria(String text, String type, boolean nullable) {
        return ColumnDefaults.parse(text, "", true, type, nullable);
    }

    @Test
    void mariadbWritesSql() {
        assertEquals(ColumnDefault.NULL, maria("NULL", "decimal", true));
        assertEquals(ColumnDefault.NONE, maria(null, "int", false));
        assertEquals(ColumnDefault.NULL, maria(null, "int", true));
        assertEquals(ColumnDefault.value("1.500000"), maria("1.500000", "decimal", true));
        assertEquals(ColumnDefault.value("-7"), maria("-7", "int", false));
        assertEquals(ColumnDefault.value("1e300"), maria("1e300", "double", false));
        assertEquals(ColumnDefault.value("it's a \\ b"), maria("'it''s a \\\\ b'", "varchar", false));
        assertEquals(ColumnDefault.value("line\nnext"), maria("'line\\nnext'", "text", false));
        assertEquals(ColumnDefault.value("Grüße"), maria("'Grüße'", "varchar", false));
        assertEquals(ColumnDefault.value("ab\0\0"), maria("'ab\\0\\0'", "binary", true), "BINARY(4) 'ab', padded");
        assertEquals(ColumnDefault.value(""), maria("''", "varchar", false));
        assertEquals(ColumnDefault.value("5"), maria("b'101'", "bit", false));
        assertEquals(ColumnDefault.value("2024-02-29 10:00:00.500000"), maria("'2024-02-29 10:00:00.500000'", "datetime", false));
    }

    @Test
    void mariadbExpressionsAndTimestampsAreExpressions() {
        assertEquals(ColumnDefault.expression("current_timestamp()"), maria("current_timestamp()", "datetime", false));
        assertEquals(ColumnDefault.expression("1 + 1"), maria("1 + 1", "int", false));
        assertEquals(ColumnDefault.expression("'2020-01-01 00:00:00'"), maria("'2020-01-01 00:00:00'", "timestamp", false));
        assertEquals(ColumnDefault.expression("concat('a','b')"), maria("concat('a','b')", "varchar", false));
        assertEquals(ColumnDefault.expression("'a' || 'b'"), maria("'a' || 'b'", "varchar", false));
        assertEquals(ColumnDefault.expression("'a ? b'"), maria("'a ? b'", "varchar", false),
                "information_schema (utf8mb3) shows an emoji as ?");
        assertEquals(ColumnDefault.expression("'?\\0'"), maria("'?\\0'", "varbinary", true), "0xFF00 reads as '?\\0'");
    }

    @Test
    void mysqlWritesBareValues() {
        assertEquals(ColumnDefault.value("it's"), ColumnDefaults.parse("it's", "", false, "varchar", false));
        assertEquals(ColumnDefault.value("NULL"), ColumnDefaults.parse("NULL", "", false, "varchar", false),
                "MySQL's text 'NULL' is the string");
        assertEquals(ColumnDefault.NULL, ColumnDefaults.parse(null, "", false, "varchar", true));
        assertEquals(ColumnDefault.value("5"), ColumnDefaults.parse("b'101'", "", false, "bit", false));
        assertEquals(ColumnDefault.expression("(rand() * 10)"),
                ColumnDefaults.parse("(rand() * 10)", "DEFAULT_GENERATED", false, "double", false));
        assertEquals(ColumnDefault.expression("CURRENT_TIMESTAMP"),
                ColumnDefaults.parse("CURRENT_TIMESTAMP", "", false, "datetime", false));
        assertEquals(ColumnDefault.expression("0x6162"), ColumnDefaults.parse("0x6162", "", false, "binary", false));
    }

    @Test
    void aNotNullEnumWithoutDefaultBackfillsItsFirstValue() {
        assertEquals(ColumnDefault.value("x"), ColumnDefaults.backfillOf(ColumnDefault.NONE, "enum", false, List.of("x", "y")));
        assertEquals(ColumnDefault.NULL, ColumnDefaults.backfillOf(ColumnDefault.NULL, "enum", true, List.of("x", "y")));
        assertEquals(ColumnDefault.NONE, ColumnDefaults.backfillOf(ColumnDefault.NONE, "int", false, List.of()));
    }
}
