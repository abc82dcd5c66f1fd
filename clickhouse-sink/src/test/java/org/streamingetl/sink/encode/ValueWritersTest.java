package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValueWritersTest {

    private static byte[] write(ValueWriter writer, Object value) {
        RowBinaryOutput out = new RowBinaryOutput(16);
        writer.write(out, value);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void signedIntegersAreLittleEndianAndRangeChecked() {
        assertArrayEquals(bytes(0x80), write(ValueWriters.signed(1), -128L));
        assertArrayEquals(bytes(0xFF, 0x7F), write(ValueWriters.signed(2), 32767L));
        assertArrayEquals(bytes(0, 0, 0, 0x80), write(ValueWriters.signed(4), (long) Integer.MIN_VALUE));
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0, 0x80), write(ValueWriters.signed(8), Long.MIN_VALUE));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.signed(1), 128L));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.signed(2), "12"));
    }

    @Test
    void unsignedBigintMaximumSurvives() {
        byte[] max = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
        assertArrayEquals(max, write(ValueWriters.unsigned(8), new BigDecimal("18446744073709551615")));
        assertArrayEquals(max, write(ValueWriters.unsigned(8), new BigInteger("18446744073709551615")));
        assertArrayEquals(bytes(0xFF), write(ValueWriters.unsigned(1), 255L));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.unsigned(1), 256L));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.unsigned(4), -1L));
        assertThrows(UnwritableValueException.class,
                () -> write(ValueWriters.unsigned(8), new BigDecimal("18446744073709551616")));
    }

    @Test
    void bitsArriveLittleEndian() {
        assertArrayEquals(bytes(0x0A, 0x01, 0, 0, 0, 0, 0, 0), write(ValueWriters.unsigned(8), bytes(0x0A, 0x01)));
        assertArrayEquals(bytes(1), write(ValueWriters.unsigned(1), Boolean.TRUE));
    }

    @Test
    void decimalsUseTheWidthOfTheirPrecisionAndNeverRound() {
        assertArrayEquals(bytes(0xE2, 0x04, 0, 0), write(ValueWriters.decimal(9, 2), new BigDecimal("12.50")));
        assertArrayEquals(bytes(0x1E, 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                write(ValueWriters.decimal(12, 2), new BigDecimal("-12.50")));
        assertLength(16, write(ValueWriters.decimal(38, 10), BigDecimal.ONE));
        assertLength(32, write(ValueWriters.decimal(65, 30), new BigDecimal("-1E-30")));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.decimal(10, 2), new BigDecimal("1.005")));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.decimal(4, 2), new BigDecimal("100.00")));
    }

    private static void assertLength(int expectedLength, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expectedLength, actual.length);
    }

    @Test
    void stringsAreLengthPrefixedBytes() {
        String emoji = "a🚀";
        byte[] utf8 = emoji.getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[utf8.length + 1];
        expected[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, expected, 1, utf8.length);
        assertArrayEquals(expected, write(ValueWriters.string(), emoji));

        byte[] all = new byte[300];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] written = write(ValueWriters.string(), all);
        assertArrayEquals(bytes(0xAC, 0x02), java.util.Arrays.copyOf(written, 2));
        assertArrayEquals(all, java.util.Arrays.copyOfRange(written, 2, written.length));
    }

    @Test
    void nullableWritesAMarkerAndNotNullRefusesNull() {
        assertArrayEquals(bytes(1), write(ValueWriters.nullable(ValueWriters.signed(4)), null));
        assertArrayEquals(bytes(0, 5, 0, 0, 0), write(ValueWriters.nullable(ValueWriters.signed(4)), 5L));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.notNull(ValueWriters.signed(4)), null));
    }

    @Test
    void temporalValuesCountFromTheEpoch() {
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF), write(ValueWriters.date32(), LocalDate.of(1969, 12, 31)));
        // 1 µs before the epoch in DateTime64(6) is -1
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                write(ValueWriters.dateTime64(6), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)));
        assertArrayEquals(bytes(0xE9, 0x03, 0, 0, 0, 0, 0, 0),
                write(ValueWriters.dateTime64(3), Instant.ofEpochMilli(1001)));
        assertThrows(UnwritableValueException.class, () -> write(ValueWriters.dateTime(), Instant.ofEpochSecond(-1)));
    }

    @Test
    void timeIsSignedMicroseconds() {
        Duration max = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);
        RowBinaryOutput expected = new RowBinaryOutput(8);
        expected.writeInt64(3_020_399_000_000L);
        assertArrayEquals(expected.toByteArray(), write(ValueWriters.timeMicros(), max));
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                write(ValueWriters.timeMicros(), Duration.ofNanos(-1000)));
    }

    @Test
    void truncateDropsAHalfWrittenRow() {
        RowBinaryOutput out = new RowBinaryOutput(4);
        out.writeInt32(7);
        int mark = out.size();
        out.writeString("half");
        out.truncate(mark);
        assertArrayEquals(bytes(7, 0, 0, 0), out.toByteArray());
    }
}
