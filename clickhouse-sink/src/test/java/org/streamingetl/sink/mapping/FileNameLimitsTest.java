package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileNameLimitsTest {

    @Test
    void escapesAsClickHouseDoes() {
        assertEquals("weird%2Dname%2Ex".length(), FileNameLimits.escapedLength("weird-name.x"));
        assertEquals("M%C3%AFxed%20%C3%87ase".length(), FileNameLimits.escapedLength("Mïxed Çase"));
        assertEquals(64, FileNameLimits.escapedLength("x".repeat(64)));
    }

    @Test
    void mysqlsLongestAsciiNamesFitAndLongNonAsciiOnesAreRefused() {
        assertTrue(FileNameLimits.problem("db", "x".repeat(64), List.of("y".repeat(64), "a b", "ünï")).isEmpty());
        assertTrue(FileNameLimits.problem("db", "-".repeat(64), List.of()).isEmpty(), "192 bytes escaped");
        String tooLong = FileNameLimits.problem("db", "ü".repeat(64), List.of()).orElseThrow();
        assertTrue(tooLong.contains("table name") && tooLong.contains("384 bytes"), tooLong);
        assertTrue(FileNameLimits.problem("db", "t", List.of("ü".repeat(42))).orElseThrow().contains("column name"));
        assertTrue(FileNameLimits.problem("db", "t", List.of("ü".repeat(41))).isEmpty(), "246 bytes: fits");
    }
}
