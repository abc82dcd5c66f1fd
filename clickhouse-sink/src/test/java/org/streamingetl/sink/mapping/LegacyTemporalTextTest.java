package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.sink.encode.RowBinaryOutput;

/** Old servers store temporal values as the text MySQL itself prints. */
class LegacyTemporalTextTest {

    private final TypeMapper legacy = new TypeMapper(ServerCapabilities.forVersion("18.16.1"));

    /** The String an old server receives for {@code value}: the bytes after the 1-byte length. */
    private String text(ColumnDefinition column, Object value) {
        RowBinaryOutput out = new RowBinaryOutput(0);
        legacy.map(column).writer().write(out, value);
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length - 1, bytes[0], "length prefix");
        return new String(Arrays.copyOfRange(bytes, 1, bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void datetimeKeepsExactlyItsFractionalDigits() {
        LocalDateTime leapDay = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
        assertEquals("2024-02-29 23:59:59.123456", text(Columns.temporal("datetime", 6), leapDay));
        assertEquals("2024-02-29 23:59:59.123", text(Columns.temporal("datetime", 3), leapDay));
        assertEquals("2024-02-29 23:59:59", text(Columns.temporal("datetime", 0), leapDay));
        assertEquals("2024-02-29 01:02:03.000000", text(Columns.temporal("datetime", 6), LocalDateTime.of(2024, 2, 29, 1, 2, 3)));
    }

    @Test
    void datesArePaddedToFourDigitYears() {
        assertEquals("0001-01-01", text(Columns.temporal("date", 0), LocalDate.of(1, 1, 1)));
        assertEquals("9999-12-31", text(Columns.temporal("date", 0), LocalDate.of(9999, 12, 31)));
        assertEquals("1000-01-01 00:00:00", text(Columns.temporal("datetime", 0), LocalDateTime.of(1000, 1, 1, 0, 0)));
    }

    @Test
    void timestampsAreWrittenInUtc() {
        assertEquals("2038-01-19 03:14:07.999",
                text(Columns.temporal("timestamp", 3), Instant.parse("2038-01-19T03:14:07.999Z")));
        assertEquals("1970-01-01 00:00:01",
                text(Columns.temporal("timestamp", 0), Instant.ofEpochSecond(1)));
    }
}
