package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.streamingetl.sink.encode.Bytes.int32;
import static org.streamingetl.sink.encode.Bytes.int64;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TemporalWritersTest {

    @Test
    void date32IsSignedDaysSinceTheEpoch() {
        assertArrayEquals(int32(0), written(ValueWriters.date32(), LocalDate.of(1970, 1, 1)));
        assertArrayEquals(int32(-1), written(ValueWriters.date32(), LocalDate.of(1969, 12, 31)));
        assertArrayEquals(int32(19782), written(ValueWriters.date32(), LocalDate.of(2024, 2, 29)));
        assertArrayEquals(int32(-25567), written(ValueWriters.date32(), LocalDate.of(1900, 1, 1)));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.date32(), "2024-02-29"));
    }

    @Test
    void dateTime64Of6CountsMicrosecondsFromLocalDateTimeAsUtc() {
        assertArrayEquals(int64(1_709_251_199_123_456L),
                written(ValueWriters.dateTime64(6), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000)));
        assertArrayEquals(int64(-1L),
                written(ValueWriters.dateTime64(6), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)));
        assertArrayEquals(int64(-2_208_988_800_000_000L),
                written(ValueWriters.dateTime64(6), LocalDateTime.of(1900, 1, 1, 0, 0)));
    }

    @Test
    void dateTime64Of3CountsMillisecondsFromAnInstant() {
        assertArrayEquals(of(0xE9, 0x03, 0, 0, 0, 0, 0, 0), written(ValueWriters.dateTime64(3), Instant.ofEpochMilli(1001)));
        assertArrayEquals(int64(-1L), written(ValueWriters.dateTime64(3), Instant.parse("1969-12-31T23:59:59.999Z")));
        assertArrayEquals(int64(2_147_483_647_999L),
                written(ValueWriters.dateTime64(3), Instant.parse("2038-01-19T03:14:07.999Z")));
    }

    @Test
    void valuesOutsideClickHousesRangeAreRefusedNotClamped() {
        assertArrayEquals(int32(120_529), written(ValueWriters.date32(), LocalDate.of(2299, 12, 31)));
        UnwritableValueException e = assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.date32(), LocalDate.of(1000, 1, 1)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("SINK_MAPPING_TEMPORAL=text"), e.getMessage());
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.date32(), LocalDate.of(2300, 1, 1)));
        assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.dateTime64(6), LocalDateTime.of(9999, 12, 31, 23, 59, 59)));
        assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.dateTime64(6), LocalDateTime.of(1899, 12, 31, 23, 59, 59)));
    }

    @Test
    void dateTime64RefusesValuesThatAreNotDateTimes() {
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.dateTime64(6), 123L));
    }

    @Test
    void dateTimeIsUnsignedSecondsWithin1970To2106() {
        assertArrayEquals(int32(1_700_000_000), written(ValueWriters.dateTime(), Instant.ofEpochSecond(1_700_000_000L)));
        assertArrayEquals(of(0xFF, 0xFF, 0xFF, 0xFF), written(ValueWriters.dateTime(), Instant.ofEpochSecond(0xFFFFFFFFL)));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.dateTime(), Instant.ofEpochSecond(-1)));
        assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.dateTime(), Instant.ofEpochSecond(0x100000000L)));
    }

    @Test
    void timeIsSignedMicrosecondsOfADuration() {
        Duration max = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);
        assertArrayEquals(int64(3_020_399_000_000L), written(ValueWriters.timeMicros(), max));
        assertArrayEquals(int64(-3_020_399_000_000L), written(ValueWriters.timeMicros(), max.negated()));
        assertArrayEquals(int64(-1L), written(ValueWriters.timeMicros(), Duration.ofNanos(-1000)));
        assertArrayEquals(int64(-1_500_000L), written(ValueWriters.timeMicros(), Duration.ofMillis(-1500)));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.timeMicros(), 5L));
    }
}
